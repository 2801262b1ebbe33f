# METADATA
# title: Remote debugging is off
# description: >-
#   Remote debugging is disabled.
# scope: package
# custom:
#   id: azure-appservice-remote-debugging
#   severity: high
#   area: application-security
#   resource_type: azure_appservice_web_app
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["9.12"]
#   remediation: >-
#     `az webapp config set --resource-group RG --name APP --remote-debugging-enabled false`.
#   rationale: >-
#     App Service runs the OS and the web server runtime (PaaS), but the app's transport security,
#     authentication, deployment access and debugging endpoints are site settings the customer
#     controls. An open debugger port exposes the customer's application internals.
#   pass_message: >-
#     app {name} has remote debugging off
#   depends_on: [remote_debugging_enabled]
package incloud.azure.appservice.remote_debugging

deny contains {"resource_id": w.id, "message": sprintf("app %s has remote debugging on", [w.name])} if {
	some w in input.resources.azure_appservice_web_app
	w.remote_debugging_enabled == true
}
