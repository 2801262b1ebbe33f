# METADATA
# title: Users cannot create security groups
# description: >-
#   The authorization policy does not allow default users to create security groups.
# scope: package
# custom:
#   id: azure-entra-security-group-creation
#   severity: low
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.19"]
#   remediation: >-
#     Entra admin center > Groups > General: Users can create security groups in Azure portals, API or
#     PowerShell = No.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Security groups grant access to the customer's resources;
#     letting any user create them weakens the customer's access governance.
#   pass_message: >-
#     tenant {name}: users cannot create security groups
#   depends_on: [authorization_policy]
package incloud.azure.entra.security_group_creation

deny contains {"resource_id": t.id, "message": "users may create security groups"} if {
	some t in input.resources.azure_tenant
	t.authorization_policy.allowed_to_create_security_groups == true
}
