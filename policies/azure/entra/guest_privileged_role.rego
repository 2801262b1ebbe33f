# METADATA
# title: No guest holds a privileged directory role
# description: >-
#   No guest (external) user is a member of a highly privileged Entra directory role.
# scope: package
# custom:
#   id: azure-entra-guest-privileged-role
#   severity: high
#   area: user-access-management
#   resource_type: azure_entra_directory_role
#   service_model: saas
#   frameworks: {}
#   remediation: >-
#     Remove the guest from the role; if the person needs administrative access, give them a member
#     account managed by the organisation and protect it with MFA.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Guests' accounts are governed by another organisation's
#     policies, so privileged access through them escapes the customer's own controls.
#   pass_message: >-
#     role {name} has no guest member holding a privileged role
#   depends_on: [role_template_id, members]
package incloud.azure.entra.guest_privileged_role

import data.incloud.lib.azure.entra

deny contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.azure_entra_directory_role
	r.role_template_id in entra.privileged_roles
	guests := sort([m.display_name | some m in r.members; m.user_type == "Guest"])
	count(guests) > 0
	msg := sprintf("role %s has guest members: %s", [r.name, concat(", ", guests)])
}
