# METADATA
# title: An Azure Bastion host exists
# description: >-
#   The subscription has at least one Azure Bastion host, so VMs can be administered without public
#   RDP/SSH.
# scope: package
# custom:
#   id: azure-network-bastion
#   severity: low
#   area: network-controls
#   resource_type: azure_subscription
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["8.1"]
#   remediation: >-
#     `az network bastion create --name NAME --resource-group RG --vnet-name VNET --public-ip-address
#     PIP --location LOCATION`.
#   rationale: >-
#     Azure supplies network security groups and Network Watcher as services, but the rules and logs
#     in them are the customer's: firewall rules are always the customer's to configure, whoever
#     supplies the firewall. How administrators reach the customer's VMs is the customer's network
#     design.
#   pass_message: >-
#     subscription {name}: an Azure Bastion host exists
#   depends_on: [bastion_hosts]
package incloud.azure.network.bastion

deny contains {"resource_id": s.id, "message": "no Azure Bastion host exists in the subscription"} if {
	some s in input.resources.azure_subscription
	count(s.bastion_hosts) == 0
}
