# METADATA
# title: Conditional access requires MFA for Microsoft admin portals
# description: >-
#   An enabled conditional access policy requires MFA of all users for the Microsoft Admin Portals
#   app (or all cloud apps).
# scope: package
# custom:
#   id: azure-entra-ca-admin-portals-mfa
#   severity: high
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.2.8"]
#   remediation: >-
#     Create a conditional access policy: users All, cloud apps > Microsoft Admin Portals, grant
#     Require multifactor authentication.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Admin portals expose the tenant's configuration;
#     requiring MFA there is the customer's policy.
#   pass_message: >-
#     tenant {name}: an enabled conditional access policy requires MFA of all users for the Microsoft
#     admin portals
#   depends_on: [conditional_access_policies]
package incloud.azure.entra.ca_admin_portals_mfa

import data.incloud.lib.azure.entra

deny contains {"resource_id": t.id, "message": "no enabled conditional access policy requires MFA of all users for the Microsoft admin portals"} if {
	some t in input.resources.azure_tenant
	count([p | some p in entra.mfa_policies(t.conditional_access_policies); entra.all_users(p); portals(p)]) == 0
}

portals(p) if entra.all_apps(p)

portals(p) if "MicrosoftAdminPortals" in p.include_applications
