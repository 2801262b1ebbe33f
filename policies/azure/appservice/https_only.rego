# METADATA
# title: Apps accept HTTPS only
# description: >-
#   HTTPS Only is On (HTTP is redirected to HTTPS).
# scope: package
# custom:
#   id: azure-appservice-https-only
#   severity: high
#   area: data-protection
#   resource_type: azure_appservice_web_app
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["9.1"]
#   remediation: >-
#     `az webapp update --resource-group RG --name APP --https-only true`.
#   rationale: >-
#     App Service runs the OS and the web server runtime (PaaS), but the app's transport security,
#     authentication, deployment access and debugging endpoints are site settings the customer
#     controls. Plain HTTP exposes the customer's users' data in transit.
#   pass_message: >-
#     app {name} accepts HTTPS only
#   depends_on: [https_only]
package incloud.azure.appservice.https_only

deny contains {"resource_id": w.id, "message": sprintf("app %s accepts plain HTTP", [w.name])} if {
	some w in input.resources.azure_appservice_web_app
	w.https_only == false
}
