# METADATA
# title: Apps use HTTP/2
# description: >-
#   HTTP 2.0 is enabled.
# scope: package
# custom:
#   id: azure-appservice-http2
#   severity: low
#   area: application-security
#   resource_type: azure_appservice_web_app
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["9.10"]
#   remediation: >-
#     `az webapp config set --resource-group RG --name APP --http20-enabled true`.
#   rationale: >-
#     App Service runs the OS and the web server runtime (PaaS), but the app's transport security,
#     authentication, deployment access and debugging endpoints are site settings the customer
#     controls. The protocol version served is the customer's site setting.
#   pass_message: >-
#     app {name} has HTTP/2 on
#   depends_on: [http20_enabled]
package incloud.azure.appservice.http2

deny contains {"resource_id": w.id, "message": sprintf("app %s has HTTP/2 off", [w.name])} if {
	some w in input.resources.azure_appservice_web_app
	w.http20_enabled == false
}
