# METADATA
# title: Users cannot create Microsoft 365 groups
# description: >-
#   The Group.Unified directory setting disables group creation by users (EnableGroupCreation
#   false).
# scope: package
# custom:
#   id: azure-entra-m365-group-creation
#   severity: low
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.21"]
#   remediation: >-
#     Entra admin center > Groups > General: Users can create Microsoft 365 groups in Azure portals,
#     API or PowerShell = No (directory setting Group.Unified EnableGroupCreation=false).
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Microsoft 365 groups carry mailboxes, sites and data; who
#     may create them is the customer's governance choice.
#   pass_message: >-
#     tenant {name}: users cannot create Microsoft 365 groups
#   depends_on: [group_unified_settings]
package incloud.azure.entra.m365_group_creation

deny contains {"resource_id": t.id, "message": "users may create Microsoft 365 groups"} if {
	some t in input.resources.azure_tenant
	t.group_unified_settings.enable_group_creation == true
}
