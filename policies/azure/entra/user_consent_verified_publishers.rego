# METADATA
# title: User consent is limited to verified publishers
# description: >-
#   Users may consent at most to low-risk permissions of apps from verified publishers (no
#   self-consent policy other than microsoft-user-default-low).
# scope: package
# custom:
#   id: azure-entra-user-consent-verified-publishers
#   severity: medium
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.13"]
#   remediation: >-
#     Entra admin center > Enterprise applications > Consent and permissions: Allow user consent for
#     apps from verified publishers, for selected permissions (or Do not allow user consent).
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Which apps users may let into the organisation's data is
#     the customer's decision; the default legacy policy lets any app in.
#   pass_message: >-
#     tenant {name}: user consent is at most low-risk permissions of verified publishers' apps
#   depends_on: [authorization_policy]
package incloud.azure.entra.user_consent_verified_publishers

deny contains {"resource_id": t.id, "message": sprintf("users may consent to apps beyond verified publishers' low-risk permissions (%s)", [concat(", ", broad)])} if {
	some t in input.resources.azure_tenant
	broad := [g | some g in t.authorization_policy.permission_grant_policies_assigned; startswith(g, "ManagePermissionGrantsForSelf."); g != "ManagePermissionGrantsForSelf.microsoft-user-default-low"]
	count(broad) > 0
}
