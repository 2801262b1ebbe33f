# METADATA
# title: NSGs do not allow UDP from the internet
# description: >-
#   No Allow inbound rule admits UDP (or any protocol) on any port from the internet.
# scope: package
# custom:
#   id: azure-network-nsg-udp
#   severity: medium
#   area: network-controls
#   resource_type: azure_network_security_group
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["7.3"]
#   remediation: >-
#     Remove or narrow the rule; UDP services rarely need to be open to the whole internet and are
#     abused for amplification.
#   rationale: >-
#     Azure supplies network security groups and Network Watcher as services, but the rules and logs
#     in them are the customer's: firewall rules are always the customer's to configure, whoever
#     supplies the firewall. Open UDP services are used for reflection and amplification attacks.
#   pass_message: >-
#     NSG {name} does not allow UDP from the internet
#   depends_on: [security_rules]
package incloud.azure.network.nsg_udp

import data.incloud.lib.azure.network

deny contains {"resource_id": g.id, "message": sprintf("NSG %s allows UDP from the internet: %s", [g.name, concat(", ", rules)])} if {
	some g in input.resources.azure_network_security_group
	rules := sort([r.name | some r in g.security_rules; network.inbound_allow_from_internet(r); network.protocol_matches(r, "Udp")])
	count(rules) > 0
}
