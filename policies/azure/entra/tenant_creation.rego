# METADATA
# title: Non-admin users cannot create tenants
# description: >-
#   The authorization policy does not allow default users to create Entra ID tenants.
# scope: package
# custom:
#   id: azure-entra-tenant-creation
#   severity: medium
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.3"]
#   remediation: >-
#     Entra admin center > Identity > Users > User settings: Restrict non-admin users from creating
#     tenants = Yes (or `az rest --method patch --url
#     https://graph.microsoft.com/v1.0/policies/authorizationPolicy --body
#     '{"defaultUserRolePermissions":{"allowedToCreateTenants":false}}'`).
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. A tenant created by a user sits outside the
#     organisation's governance, with that user as its Global Administrator.
#   pass_message: >-
#     tenant {name}: non-admin users cannot create tenants
#   depends_on: [authorization_policy]
package incloud.azure.entra.tenant_creation

deny contains {"resource_id": t.id, "message": "non-admin users may create tenants"} if {
	some t in input.resources.azure_tenant
	t.authorization_policy.allowed_to_create_tenants == true
}
