# METADATA
# title: NSG flow logs reach Log Analytics
# description: >-
#   The group has an enabled flow log with traffic analytics sending to a Log Analytics workspace.
# scope: package
# custom:
#   id: azure-network-flow-logs-log-analytics
#   severity: low
#   area: compliance-governance
#   resource_type: azure_network_security_group
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["6.1.5"]
#   remediation: >-
#     `az network watcher flow-log update --location LOCATION --name NAME --traffic-analytics true
#     --workspace WORKSPACE_ID`.
#   rationale: >-
#     Azure supplies network security groups and Network Watcher as services, but the rules and logs
#     in them are the customer's: firewall rules are always the customer's to configure, whoever
#     supplies the firewall. Analysing the customer's traffic is the customer's monitoring task.
#   pass_message: >-
#     NSG {name} has a flow log sent to Log Analytics
#   depends_on: [flow_logs]
package incloud.azure.network.flow_logs_log_analytics

deny contains {"resource_id": g.id, "message": sprintf("NSG %s has no flow log sent to Log Analytics", [g.name])} if {
	some g in input.resources.azure_network_security_group
	count([f | some f in g.flow_logs; f.enabled == true; f.traffic_analytics_enabled == true; is_string(f.workspace_id)]) == 0
}
