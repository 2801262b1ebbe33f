# METADATA
# title: The activity log is exported by a diagnostic setting
# description: >-
#   A subscription diagnostic setting sends the activity log to a storage account, Log Analytics
#   workspace or event hub.
# scope: package
# custom:
#   id: azure-monitor-activity-log-diagnostic-setting
#   severity: medium
#   area: compliance-governance
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["6.1.1"]
#   remediation: >-
#     `az monitor diagnostic-settings subscription create --name activity --location LOCATION
#     --workspace WORKSPACE_ID --logs '[{"category":"Administrative","enabled":true},...]'`.
#   rationale: >-
#     Azure records activity and resource logs, but keeps them only briefly and alerts no one unless
#     the customer configures export and alert rules; the audit trail auditors ask for is the
#     customer's to keep. The activity log is kept 90 days by Azure; keeping it longer is the
#     customer's job.
#   pass_message: >-
#     subscription {name}: a diagnostic setting exports the activity log
#   depends_on: [activity_log_diagnostic_settings]
package incloud.azure.monitor.activity_log_diagnostic_setting

import data.incloud.lib.azure.monitor

deny contains {"resource_id": s.id, "message": "no diagnostic setting exports the activity log"} if {
	some s in input.resources.azure_subscription
	count([d | some d in s.activity_log_diagnostic_settings; monitor.has_destination(d)]) == 0
}
