# METADATA
# title: Privileged users have MFA registered
# description: >-
#   Every enabled user holding an Entra admin role has registered a multi-factor authentication
#   method.
# scope: package
# custom:
#   id: azure-entra-privileged-user-mfa
#   severity: critical
#   area: user-access-management
#   resource_type: azure_entra_user
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.1.2"]
#   remediation: >-
#     Have the user register MFA (https://aka.ms/mfasetup) and enforce it with a conditional access
#     policy for admin roles; remove the role if it is not needed.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. An administrator's password alone controls the customer's
#     tenant; making administrators register MFA is the customer's duty.
#   pass_message: >-
#     user {name} is not an enabled privileged user without MFA
#   depends_on: [account_enabled, is_admin, mfa_registered, user_type]
package incloud.azure.entra.privileged_user_mfa

deny contains {"resource_id": u.id, "message": sprintf("privileged user %s has no MFA method registered", [u.name])} if {
	some u in input.resources.azure_entra_user
	u.account_enabled == true
	u.is_admin == true
	u.mfa_registered == false
}
