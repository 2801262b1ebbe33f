# METADATA
# title: Apps require TLS 1.2 or later
# description: >-
#   The minimum TLS version is 1.2 or later.
# scope: package
# custom:
#   id: azure-appservice-min-tls
#   severity: high
#   area: data-protection
#   resource_type: azure_appservice_web_app
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["9.4"]
#   remediation: >-
#     `az webapp config set --resource-group RG --name APP --min-tls-version 1.2`.
#   rationale: >-
#     App Service runs the OS and the web server runtime (PaaS), but the app's transport security,
#     authentication, deployment access and debugging endpoints are site settings the customer
#     controls. Old TLS versions stay accepted unless the customer raises the minimum.
#   pass_message: >-
#     app {name} requires TLS 1.2 or later
#   depends_on: [min_tls_version]
package incloud.azure.appservice.min_tls

deny contains {"resource_id": w.id, "message": sprintf("app %s accepts TLS %s", [w.name, w.min_tls_version])} if {
	some w in input.resources.azure_appservice_web_app
	w.min_tls_version in {"1.0", "1.1"}
}
