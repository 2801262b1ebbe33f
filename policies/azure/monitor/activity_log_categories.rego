# METADATA
# title: Activity log export captures the required categories
# description: >-
#   The activity log diagnostic settings export the Administrative, Alert, Policy and Security
#   categories.
# scope: package
# custom:
#   id: azure-monitor-activity-log-categories
#   severity: medium
#   area: compliance-governance
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["6.1.2"]
#   remediation: >-
#     Edit the subscription diagnostic setting and tick Administrative, Alert, Policy and Security.
#   rationale: >-
#     Azure records activity and resource logs, but keeps them only briefly and alerts no one unless
#     the customer configures export and alert rules; the audit trail auditors ask for is the
#     customer's to keep. Which events are kept is the customer's choice in the diagnostic setting.
#   pass_message: >-
#     subscription {name}: the activity log export captures Administrative, Alert, Policy and Security
#   depends_on: [activity_log_diagnostic_settings]
package incloud.azure.monitor.activity_log_categories

import data.incloud.lib.azure.monitor

deny contains {"resource_id": s.id, "message": sprintf("the activity log export misses categories: %s", [concat(", ", missing)])} if {
	some s in input.resources.azure_subscription
	missing := monitor.missing_categories(s.activity_log_diagnostic_settings, ["Administrative", "Alert", "Policy", "Security"])
	count(missing) > 0
}
