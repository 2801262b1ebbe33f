# METADATA
# title: An activity log alert exists for Create Policy Assignment
# description: >-
#   An enabled activity log alert scoped to the subscription fires on the Administrative operation
#   Microsoft.Authorization/policyAssignments/write.
# scope: package
# custom:
#   id: azure-monitor-alert-create-policy-assignment
#   severity: low
#   area: compliance-governance
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["6.2.1"]
#   remediation: >-
#     `az monitor activity-log alert create --name create-policy-assignment --resource-group RG
#     --scope /subscriptions/SUB --condition category=Administrative and
#     operationName=Microsoft.Authorization/policyAssignments/write --action-group ACTION_GROUP_ID`.
#   rationale: >-
#     Azure records activity and resource logs, but keeps them only briefly and alerts no one unless
#     the customer configures export and alert rules; the audit trail auditors ask for is the
#     customer's to keep. Azure emits the event; being told about it is the customer's alert rule.
#   pass_message: >-
#     subscription {name}: an enabled activity log alert fires on
#     Microsoft.Authorization/policyAssignments/write
#   depends_on: [subscription_id, azure_monitor_activity_log_alert.enabled, azure_monitor_activity_log_alert.scopes, azure_monitor_activity_log_alert.conditions]
package incloud.azure.monitor.alert_create_policy_assignment

import data.incloud.lib.azure.monitor

deny contains {"resource_id": s.id, "message": "no enabled activity log alert for Microsoft.Authorization/policyAssignments/write"} if {
	some s in input.resources.azure_subscription
	not monitor.alert_for(input.resources.azure_monitor_activity_log_alert, s.subscription_id, "Microsoft.Authorization/policyAssignments/write")
}
