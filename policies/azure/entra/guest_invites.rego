# METADATA
# title: Only admins and guest inviters can invite guests
# description: >-
#   Guest invitations are limited to users in admin roles or the Guest Inviter role
#   (allowInvitesFrom adminsAndGuestInviters or none).
# scope: package
# custom:
#   id: azure-entra-guest-invites
#   severity: low
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.16"]
#   remediation: >-
#     Entra admin center > External Identities > External collaboration settings: Guest invite
#     restrictions = Only users assigned to specific admin roles can invite guest users.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Each invitation lets an outsider into the customer's
#     directory; who may invite is the customer's policy.
#   pass_message: >-
#     tenant {name}: only admins and guest inviters can invite guests
#   depends_on: [authorization_policy]
package incloud.azure.entra.guest_invites

deny contains {"resource_id": t.id, "message": sprintf("guest invitations are allowed from %s", [t.authorization_policy.allow_invites_from])} if {
	some t in input.resources.azure_tenant
	not t.authorization_policy.allow_invites_from in {"none", "adminsAndGuestInviters"}
}
