# METADATA
# title: NSGs do not allow HTTP(S) from the internet
# description: >-
#   No Allow inbound rule admits TCP 80, 443 from the internet (*, Internet, Any, 0.0.0.0/0, ::/0).
# scope: package
# custom:
#   id: azure-network-nsg-http
#   severity: medium
#   area: network-controls
#   resource_type: azure_network_security_group
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["7.4"]
#   remediation: >-
#     Remove or narrow the rule (`az network nsg rule update --nsg-name NSG --resource-group RG --name
#     RULE --source-address-prefixes 10.0.0.0/8`); reach VMs through Azure Bastion or a VPN.
#   rationale: >-
#     Azure supplies network security groups and Network Watcher as services, but the rules and logs
#     in them are the customer's: firewall rules are always the customer's to configure, whoever
#     supplies the firewall. Exposing HTTP(S) to the whole internet invites scanning and brute force.
#   pass_message: >-
#     NSG {name} does not allow HTTP(S) from the internet
#   depends_on: [security_rules]
package incloud.azure.network.nsg_http

import data.incloud.lib.azure.network

deny contains {"resource_id": g.id, "message": sprintf("NSG %s allows HTTP(S) (80, 443) from the internet: %s", [g.name, concat(", ", rules)])} if {
	some g in input.resources.azure_network_security_group
	rules := sort({n | some p in [80, 443]; some n in network.open_rules(g.security_rules, "Tcp", p)})
	count(rules) > 0
}
