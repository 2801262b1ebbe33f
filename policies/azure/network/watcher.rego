# METADATA
# title: Network Watcher is enabled in every region in use
# description: >-
#   Each region where the subscription has resources has a Network Watcher in state Succeeded.
# scope: package
# custom:
#   id: azure-network-watcher
#   severity: low
#   area: compliance-governance
#   resource_type: azure_region
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["7.6"]
#   remediation: >-
#     `az network watcher configure --locations REGION --enabled true --resource-group
#     NetworkWatcherRG`.
#   rationale: >-
#     Azure supplies network security groups and Network Watcher as services, but the rules and logs
#     in them are the customer's: firewall rules are always the customer's to configure, whoever
#     supplies the firewall. Network Watcher diagnostics and flow logs work only in regions where the
#     customer has a watcher.
#   pass_message: >-
#     region {name} has a Network Watcher, or no resources
#   depends_on: [resource_count, network_watchers]
package incloud.azure.network.watcher

deny contains {"resource_id": x.id, "message": sprintf("region %s has %d resources and no Network Watcher", [x.name, x.resource_count])} if {
	some x in input.resources.azure_region
	x.resource_count > 0
	count([w | some w in x.network_watchers; w.provisioning_state == "Succeeded"]) == 0
}
