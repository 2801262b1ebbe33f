# METADATA
# title: App Service authentication is on
# description: >-
#   App Service authentication (Easy Auth, authsettingsV2 platform.enabled) is enabled.
# scope: package
# custom:
#   id: azure-appservice-authentication
#   severity: medium
#   area: user-access-management
#   resource_type: azure_appservice_web_app
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["9.2"]
#   remediation: >-
#     `az webapp auth update --resource-group RG --name APP --enabled true` with an identity provider.
#   rationale: >-
#     App Service runs the OS and the web server runtime (PaaS), but the app's transport security,
#     authentication, deployment access and debugging endpoints are site settings the customer
#     controls. Who may call the customer's app is the customer's decision.
#   pass_message: >-
#     app {name} has App Service authentication on
#   depends_on: [auth_enabled]
package incloud.azure.appservice.authentication

deny contains {"resource_id": w.id, "message": sprintf("app %s has App Service authentication off", [w.name])} if {
	some w in input.resources.azure_appservice_web_app
	w.auth_enabled == false
}
