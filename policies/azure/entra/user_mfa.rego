# METADATA
# title: Non-privileged users have MFA registered
# description: >-
#   Every enabled member user without an admin role has registered a multi-factor authentication
#   method.
# scope: package
# custom:
#   id: azure-entra-user-mfa
#   severity: high
#   area: user-access-management
#   resource_type: azure_entra_user
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.1.3"]
#   remediation: >-
#     Require MFA registration (Entra ID Protection registration policy or security defaults) and
#     follow up with the users listed.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Users' passwords are phished and reused; requiring them
#     to register a second factor is the customer's part.
#   pass_message: >-
#     user {name} is not an enabled non-privileged member without MFA
#   depends_on: [account_enabled, is_admin, mfa_registered, user_type]
package incloud.azure.entra.user_mfa

deny contains {"resource_id": u.id, "message": sprintf("user %s has no MFA method registered", [u.name])} if {
	some u in input.resources.azure_entra_user
	u.account_enabled == true
	u.is_admin == false
	u.user_type == "Member"
	u.mfa_registered == false
}
