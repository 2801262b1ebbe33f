# METADATA
# title: App Service HTTP logs are enabled
# description: >-
#   HTTP logging is enabled for the app.
# scope: package
# custom:
#   id: azure-appservice-http-logs
#   severity: low
#   area: compliance-governance
#   resource_type: azure_appservice_web_app
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["6.1.6"]
#   remediation: >-
#     `az webapp log config --resource-group RG --name APP --web-server-logging filesystem` (or a
#     diagnostic setting with AppServiceHTTPLogs).
#   rationale: >-
#     App Service runs the OS and the web server runtime (PaaS), but the app's transport security,
#     authentication, deployment access and debugging endpoints are site settings the customer
#     controls. Request logs of the customer's app are kept only if the customer turns them on.
#   pass_message: >-
#     app {name} logs HTTP requests
#   depends_on: [http_logging_enabled]
package incloud.azure.appservice.http_logs

deny contains {"resource_id": w.id, "message": sprintf("app %s does not log HTTP requests", [w.name])} if {
	some w in input.resources.azure_appservice_web_app
	w.http_logging_enabled == false
}
