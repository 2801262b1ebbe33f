# METADATA
# title: FTP deployment is FTPS only or disabled
# description: >-
#   The FTP state is FtpsOnly or Disabled.
# scope: package
# custom:
#   id: azure-appservice-ftp-state
#   severity: medium
#   area: data-protection
#   resource_type: azure_appservice_web_app
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["9.3"]
#   remediation: >-
#     `az webapp config set --resource-group RG --name APP --ftps-state Disabled`.
#   rationale: >-
#     App Service runs the OS and the web server runtime (PaaS), but the app's transport security,
#     authentication, deployment access and debugging endpoints are site settings the customer
#     controls. Plain FTP sends the customer's deployment credentials in clear text.
#   pass_message: >-
#     app {name} allows FTPS only or no FTP
#   depends_on: [ftps_state]
package incloud.azure.appservice.ftp_state

deny contains {"resource_id": w.id, "message": sprintf("app %s allows plain FTP", [w.name])} if {
	some w in input.resources.azure_appservice_web_app
	w.ftps_state == "AllAllowed"
}
