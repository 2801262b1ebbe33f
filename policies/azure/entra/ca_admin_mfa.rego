# METADATA
# title: Conditional access requires MFA for administrative roles
# description: >-
#   An enabled conditional access policy requires MFA of the Global Administrator role (and,
#   ideally, the other privileged roles) for all cloud apps.
# scope: package
# custom:
#   id: azure-entra-ca-admin-mfa
#   severity: high
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.2.4"]
#   remediation: >-
#     Create a conditional access policy: users > Directory roles: Global Administrator and the other
#     privileged roles, cloud apps All, grant Require multifactor authentication (or an authentication
#     strength).
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Administrators' accounts control the whole tenant;
#     requiring a second factor for them is a tenant policy the customer sets.
#   pass_message: >-
#     tenant {name}: an enabled conditional access policy requires MFA of Global Administrators for
#     all apps
#   depends_on: [conditional_access_policies]
package incloud.azure.entra.ca_admin_mfa

import data.incloud.lib.azure.entra

deny contains {"resource_id": t.id, "message": "no enabled conditional access policy requires MFA of the Global Administrator role for all apps"} if {
	some t in input.resources.azure_tenant
	count([p | some p in entra.mfa_policies(t.conditional_access_policies); entra.global_admin in p.include_roles; entra.all_apps(p)]) == 0
}
