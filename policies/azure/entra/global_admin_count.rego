# METADATA
# title: Fewer than 5 Global Administrators
# description: >-
#   The Global Administrator role has fewer than 5 members.
# scope: package
# custom:
#   id: azure-entra-global-admin-count
#   severity: medium
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.26"]
#   remediation: >-
#     Entra admin center > Roles and administrators > Global Administrator: remove members who do not
#     need the role; give them a least-privileged role instead. Keep at least two (one a break-glass
#     account).
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Every Global Administrator can change everything in the
#     customer's tenant; how many there are is the customer's decision.
#   pass_message: >-
#     tenant {name}: fewer than 5 members hold Global Administrator
#   depends_on: [azure_entra_directory_role.role_template_id, azure_entra_directory_role.members]
package incloud.azure.entra.global_admin_count

import data.incloud.lib.azure.entra

deny contains {"resource_id": t.id, "message": sprintf("%d members hold Global Administrator", [count(r.members)])} if {
	some t in input.resources.azure_tenant
	some r in input.resources.azure_entra_directory_role
	r.role_template_id == entra.global_admin
	count(r.members) >= 5
}

unknown contains {"resource_id": t.id, "message": "the Global Administrator role is not in the snapshot"} if {
	some t in input.resources.azure_tenant
	not global_admin_role
}

global_admin_role if {
	some r in input.resources.azure_entra_directory_role
	r.role_template_id == entra.global_admin
}
