# METADATA
# title: Basic authentication for publishing is disabled
# description: >-
#   Basic (username/password) authentication is disabled for both FTP and SCM publishing.
# scope: package
# custom:
#   id: azure-appservice-basic-auth
#   severity: medium
#   area: user-access-management
#   resource_type: azure_appservice_web_app
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["9.6"]
#   remediation: >-
#     `az resource update --resource-group RG --name ftp --namespace Microsoft.Web --resource-type
#     basicPublishingCredentialsPolicies --parent sites/APP --set properties.allow=false` (and the
#     same for scm).
#   rationale: >-
#     App Service runs the OS and the web server runtime (PaaS), but the app's transport security,
#     authentication, deployment access and debugging endpoints are site settings the customer
#     controls. Publishing passwords are long-lived secrets the customer must otherwise manage.
#   pass_message: >-
#     app {name} has basic publishing authentication off
#   depends_on: [basic_auth_ftp_allowed, basic_auth_scm_allowed]
package incloud.azure.appservice.basic_auth

deny contains {"resource_id": w.id, "message": sprintf("app %s allows basic authentication for: %s", [w.name, concat(", ", on)])} if {
	some w in input.resources.azure_appservice_web_app
	on := [k | some k in ["ftp", "scm"]; basic(w, k)]
	count(on) > 0
}

basic(w, "ftp") if w.basic_auth_ftp_allowed == true

basic(w, "scm") if w.basic_auth_scm_allowed == true
