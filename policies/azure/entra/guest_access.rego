# METADATA
# title: Guest access is restricted to their own directory objects
# description: >-
#   Guest users' access is the most restrictive level: properties and memberships of their own
#   directory objects (guestUserRoleId 2af84b1e-32c8-42b7-82bc-daa82404023b).
# scope: package
# custom:
#   id: azure-entra-guest-access
#   severity: medium
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.15"]
#   remediation: >-
#     Entra admin center > External Identities > External collaboration settings: Guest user access is
#     restricted to properties and memberships of their own directory objects.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Guests are outsiders the customer invited; how much of
#     the directory they can enumerate is the customer's setting.
#   pass_message: >-
#     tenant {name}: guests can read only their own directory objects
#   depends_on: [authorization_policy]
package incloud.azure.entra.guest_access

deny contains {"resource_id": t.id, "message": sprintf("guest users can read more than their own directory objects (guest role %s)", [t.authorization_policy.guest_user_role_id])} if {
	some t in input.resources.azure_tenant
	t.authorization_policy.guest_user_role_id != "2af84b1e-32c8-42b7-82bc-daa82404023b"
}
