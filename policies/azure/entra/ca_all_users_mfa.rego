# METADATA
# title: Conditional access requires MFA for all users
# description: >-
#   An enabled conditional access policy requires MFA of all users for all cloud apps.
# scope: package
# custom:
#   id: azure-entra-ca-all-users-mfa
#   severity: high
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.2.5"]
#   remediation: >-
#     Create a conditional access policy: users All (exclude break-glass accounts), cloud apps All,
#     grant Require multifactor authentication.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. A password alone is the credential phishing steals;
#     requiring MFA for every user is a policy only the customer can switch on.
#   pass_message: >-
#     tenant {name}: an enabled conditional access policy requires MFA of all users for all apps
#   depends_on: [conditional_access_policies]
package incloud.azure.entra.ca_all_users_mfa

import data.incloud.lib.azure.entra

deny contains {"resource_id": t.id, "message": "no enabled conditional access policy requires MFA of all users for all apps"} if {
	some t in input.resources.azure_tenant
	count([p | some p in entra.mfa_policies(t.conditional_access_policies); entra.all_users(p); entra.all_apps(p)]) == 0
}
