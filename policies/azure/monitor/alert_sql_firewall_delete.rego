# METADATA
# title: An activity log alert exists for Delete SQL Server Firewall Rule
# description: >-
#   An enabled activity log alert scoped to the subscription fires on the Administrative operation
#   Microsoft.Sql/servers/firewallRules/delete.
# scope: package
# custom:
#   id: azure-monitor-alert-sql-firewall-delete
#   severity: low
#   area: compliance-governance
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["6.2.8"]
#   remediation: >-
#     `az monitor activity-log alert create --name sql-firewall-delete --resource-group RG --scope
#     /subscriptions/SUB --condition category=Administrative and
#     operationName=Microsoft.Sql/servers/firewallRules/delete --action-group ACTION_GROUP_ID`.
#   rationale: >-
#     Azure records activity and resource logs, but keeps them only briefly and alerts no one unless
#     the customer configures export and alert rules; the audit trail auditors ask for is the
#     customer's to keep. Azure emits the event; being told about it is the customer's alert rule.
#   pass_message: >-
#     subscription {name}: an enabled activity log alert fires on
#     Microsoft.Sql/servers/firewallRules/delete
#   depends_on: [subscription_id, azure_monitor_activity_log_alert.enabled, azure_monitor_activity_log_alert.scopes, azure_monitor_activity_log_alert.conditions]
package incloud.azure.monitor.alert_sql_firewall_delete

import data.incloud.lib.azure.monitor

deny contains {"resource_id": s.id, "message": "no enabled activity log alert for Microsoft.Sql/servers/firewallRules/delete"} if {
	some s in input.resources.azure_subscription
	not monitor.alert_for(input.resources.azure_monitor_activity_log_alert, s.subscription_id, "Microsoft.Sql/servers/firewallRules/delete")
}
