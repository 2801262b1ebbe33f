# METADATA
# title: Security defaults are on, or conditional access requires MFA
# description: >-
#   The tenant has security defaults enabled. Tenants that use conditional access instead (the two
#   exclude each other) pass when at least one enabled conditional access policy requires MFA.
# scope: package
# custom:
#   id: azure-entra-security-defaults
#   severity: high
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.1.1"]
#   remediation: >-
#     In the Entra admin center, Identity > Overview > Properties > Manage security defaults: set
#     Security defaults to Enabled. With Entra ID P1/P2, create conditional access policies requiring
#     MFA instead (the CIS 2.2.x controls).
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Security defaults enforce MFA registration and block
#     legacy authentication; Microsoft leaves them off in older tenants and in tenants with
#     conditional access, so the baseline is the customer's choice.
#   pass_message: >-
#     tenant {name}: security defaults are on, or an enabled conditional access policy requires MFA
#   depends_on: [security_defaults_enabled, conditional_access_policies]
package incloud.azure.entra.security_defaults

import data.incloud.lib.azure.entra

deny contains {"resource_id": t.id, "message": "security defaults are disabled and no enabled conditional access policy requires MFA"} if {
	some t in input.resources.azure_tenant
	t.security_defaults_enabled == false
	count(entra.mfa_policies(t.conditional_access_policies)) == 0
}
