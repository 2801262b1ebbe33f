# METADATA
# title: Conditional access requires MFA for Azure management
# description: >-
#   An enabled conditional access policy requires MFA for the Windows Azure Service Management API
#   (portal, CLI, PowerShell, ARM) or for all cloud apps.
# scope: package
# custom:
#   id: azure-entra-ca-azure-management-mfa
#   severity: high
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.2.7"]
#   remediation: >-
#     Create a conditional access policy: users All, cloud apps > Windows Azure Service Management
#     API, grant Require multifactor authentication.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. The management API changes the customer's subscriptions;
#     protecting it with MFA is the customer's tenant policy.
#   pass_message: >-
#     tenant {name}: an enabled conditional access policy requires MFA of all users for Azure
#     management
#   depends_on: [conditional_access_policies]
package incloud.azure.entra.ca_azure_management_mfa

import data.incloud.lib.azure.entra

deny contains {"resource_id": t.id, "message": "no enabled conditional access policy requires MFA of all users for the Azure management API"} if {
	some t in input.resources.azure_tenant
	count([p | some p in entra.mfa_policies(t.conditional_access_policies); entra.all_users(p); management_app(p)]) == 0
}

management_app(p) if entra.all_apps(p)

management_app(p) if entra.azure_management_app in p.include_applications
