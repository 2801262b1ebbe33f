# METADATA
# title: Conditional access requires MFA for risky sign-ins
# description: >-
#   An enabled conditional access policy requires MFA when Entra ID Protection rates the sign-in
#   risk (any level).
# scope: package
# custom:
#   id: azure-entra-ca-risky-signin-mfa
#   severity: medium
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.2.6"]
#   remediation: >-
#     Create a conditional access policy: users All, cloud apps All, conditions > Sign-in risk High
#     and Medium, grant Require multifactor authentication.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Microsoft computes the risk score, but what happens on a
#     risky sign-in is the customer's policy.
#   pass_message: >-
#     tenant {name}: an enabled conditional access policy requires MFA for risky sign-ins
#   depends_on: [conditional_access_policies]
package incloud.azure.entra.ca_risky_signin_mfa

import data.incloud.lib.azure.entra

deny contains {"resource_id": t.id, "message": "no enabled conditional access policy requires MFA for risky sign-ins"} if {
	some t in input.resources.azure_tenant
	count([p | some p in entra.mfa_policies(t.conditional_access_policies); count(p.sign_in_risk_levels) > 0]) == 0
}
