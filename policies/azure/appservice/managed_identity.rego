# METADATA
# title: Apps have a managed identity
# description: >-
#   The app is registered with Entra ID through a managed identity.
# scope: package
# custom:
#   id: azure-appservice-managed-identity
#   severity: low
#   area: user-access-management
#   resource_type: azure_appservice_web_app
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["9.5"]
#   remediation: >-
#     `az webapp identity assign --resource-group RG --name APP`.
#   rationale: >-
#     App Service runs the OS and the web server runtime (PaaS), but the app's transport security,
#     authentication, deployment access and debugging endpoints are site settings the customer
#     controls. A managed identity spares the customer from storing credentials in the app.
#   pass_message: >-
#     app {name} has a managed identity
#   depends_on: [identity_type]
package incloud.azure.appservice.managed_identity

deny contains {"resource_id": w.id, "message": sprintf("app %s has no managed identity", [w.name])} if {
	some w in input.resources.azure_appservice_web_app
	w.identity_type == "None"
}
