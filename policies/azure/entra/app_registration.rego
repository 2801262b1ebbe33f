# METADATA
# title: Users cannot register applications
# description: >-
#   The authorization policy does not allow default users to register applications.
# scope: package
# custom:
#   id: azure-entra-app-registration
#   severity: medium
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.14"]
#   remediation: >-
#     Entra admin center > Identity > Users > User settings: Users can register applications = No.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. An app registration is a new identity with credentials in
#     the customer's tenant; who may create one is the customer's setting.
#   pass_message: >-
#     tenant {name}: users cannot register applications
#   depends_on: [authorization_policy]
package incloud.azure.entra.app_registration

deny contains {"resource_id": t.id, "message": "users may register applications"} if {
	some t in input.resources.azure_tenant
	t.authorization_policy.allowed_to_create_apps == true
}
