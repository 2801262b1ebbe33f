# METADATA
# title: Application Insights is configured
# description: >-
#   The subscription has at least one Application Insights component.
# scope: package
# custom:
#   id: azure-monitor-application-insights
#   severity: low
#   area: compliance-governance
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["6.3.1"]
#   remediation: >-
#     `az monitor app-insights component create --app NAME --location LOCATION --resource-group RG
#     --workspace WORKSPACE_ID` and connect the applications.
#   rationale: >-
#     Azure records activity and resource logs, but keeps them only briefly and alerts no one unless
#     the customer configures export and alert rules; the audit trail auditors ask for is the
#     customer's to keep. Monitoring the customer's own applications is the customer's job.
#   pass_message: >-
#     subscription {name}: an Application Insights component exists
#   depends_on: [application_insights_components]
package incloud.azure.monitor.application_insights

deny contains {"resource_id": s.id, "message": "no Application Insights component exists"} if {
	some s in input.resources.azure_subscription
	count(s.application_insights_components) == 0
}
