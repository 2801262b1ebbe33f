# METADATA
# title: Users cannot consent to applications
# description: >-
#   No permission grant policy lets users consent to applications for themselves (User consent for
#   applications: Do not allow user consent).
# scope: package
# custom:
#   id: azure-entra-user-consent
#   severity: medium
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.12"]
#   remediation: >-
#     Entra admin center > Identity > Applications > Enterprise applications > Consent and
#     permissions: Do not allow user consent; set up the admin consent workflow.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Consent grants third-party apps access to the
#     organisation's data in the users' name; whether users may grant it is the customer's tenant
#     policy.
#   pass_message: >-
#     tenant {name}: users cannot consent to applications
#   depends_on: [authorization_policy]
package incloud.azure.entra.user_consent

deny contains {"resource_id": t.id, "message": sprintf("users may consent to applications (%s)", [concat(", ", [g | some g in t.authorization_policy.permission_grant_policies_assigned; startswith(g, "ManagePermissionGrantsForSelf.")])])} if {
	some t in input.resources.azure_tenant
	count([g | some g in t.authorization_policy.permission_grant_policies_assigned; startswith(g, "ManagePermissionGrantsForSelf.")]) > 0
}
