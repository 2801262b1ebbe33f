package incloud.lib.azure.network_test

import data.incloud.lib.azure.network

rule(proto, src, ports) := {
	"name": "r", "priority": 100, "direction": "Inbound", "access": "Allow",
	"protocol": proto, "source_address_prefixes": src, "destination_port_ranges": ports,
}

test_port_ranges if {
	network.port_in_range("*", 22)
	network.port_in_range("22", 22)
	network.port_in_range("20-25", 22)
	not network.port_in_range("23", 22)
	not network.port_in_range("3000-4000", 22)
}

test_open_port if {
	network.open_port(rule("Tcp", ["Internet"], ["22"]), "Tcp", 22)
	network.open_port(rule("*", ["0.0.0.0/0"], ["*"]), "Tcp", 3389)
	network.open_port(rule("Tcp", ["10.0.0.0/8", "*"], ["3380-3390"]), "Tcp", 3389)
}

test_not_open if {
	not network.open_port(rule("Udp", ["Internet"], ["22"]), "Tcp", 22)
	not network.open_port(rule("Tcp", ["10.0.0.0/8"], ["22"]), "Tcp", 22)
	not network.open_port(object.union(rule("Tcp", ["*"], ["22"]), {"access": "Deny"}), "Tcp", 22)
	not network.open_port(object.union(rule("Tcp", ["*"], ["22"]), {"direction": "Outbound"}), "Tcp", 22)
}
