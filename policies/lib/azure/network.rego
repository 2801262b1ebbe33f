# Network helpers for the Azure checks: NSG rule matching.
package incloud.lib.azure.network

# internet_sources are the source prefixes that mean "anywhere on the internet".
internet_sources := {"*", "0.0.0.0", "0.0.0.0/0", "internet", "any", "::/0"}

# from_internet(rule) is true when one of the rule's source prefixes is the internet.
from_internet(rule) if {
	some p in rule.source_address_prefixes
	lower(p) in internet_sources
}

# port_in_range(r, port) is true when the destination port range r ("*", "22", "20-25") covers port.
port_in_range("*", _)

port_in_range(r, port) if {
	not contains(r, "-")
	r != "*"
	to_number(r) == port
}

port_in_range(r, port) if {
	parts := split(r, "-")
	count(parts) == 2
	to_number(parts[0]) <= port
	port <= to_number(parts[1])
}

# protocol_matches(rule, protocol) is true when the rule applies to protocol ("Tcp", "Udp").
protocol_matches(rule, protocol) if rule.protocol == "*"

protocol_matches(rule, protocol) if lower(rule.protocol) == lower(protocol)

# inbound_allow_from_internet(rule) is true for an Allow Inbound rule from the internet.
inbound_allow_from_internet(rule) if {
	rule.direction == "Inbound"
	rule.access == "Allow"
	from_internet(rule)
}

# open_port(rule, protocol, port) is true when rule allows protocol/port in from the internet.
open_port(rule, protocol, port) if {
	inbound_allow_from_internet(rule)
	protocol_matches(rule, protocol)
	some r in rule.destination_port_ranges
	port_in_range(r, port)
}

# open_rules(rules, protocol, port) names the rules that allow protocol/port from the internet.
open_rules(rules, protocol, port) := sort([r.name | some r in rules; open_port(r, protocol, port)])
