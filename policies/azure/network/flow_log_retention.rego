# METADATA
# title: NSG flow logs are kept at least 90 days
# description: >-
#   The group has an enabled flow log whose retention is 90 days or more (or unlimited).
# scope: package
# custom:
#   id: azure-network-flow-log-retention
#   severity: low
#   area: compliance-governance
#   resource_type: azure_network_security_group
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["7.5"]
#   remediation: >-
#     `az network watcher flow-log create --location LOCATION --name NAME --nsg NSG_ID
#     --storage-account ACCOUNT_ID --retention 90` (or update the existing one).
#   rationale: >-
#     Azure supplies network security groups and Network Watcher as services, but the rules and logs
#     in them are the customer's: firewall rules are always the customer's to configure, whoever
#     supplies the firewall. Traffic records of the customer's networks exist only if the customer
#     turns flow logs on and keeps them.
#   pass_message: >-
#     NSG {name} has an enabled flow log kept 90 days or more
#   depends_on: [flow_logs]
package incloud.azure.network.flow_log_retention

deny contains {"resource_id": g.id, "message": sprintf("NSG %s has no enabled flow log kept 90 days or more", [g.name])} if {
	some g in input.resources.azure_network_security_group
	not retained(g.flow_logs)
}

retained(logs) if {
	some f in logs
	f.enabled == true
	long(f)
}

long(f) if f.retention_enabled == false

long(f) if f.retention_days == 0

long(f) if f.retention_days >= 90
