package incloud.azure.network.nsg_ssh_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.network.nsg_ssh

test_fail if {
	ids := {d.resource_id | some d in nsg_ssh.deny} with input as fixtures.input_for("azure-demo", "azure_network_security_group", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Network/networkSecurityGroups/nsg-legacy-jump", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Network/networkSecurityGroups/nsg-legacy-jump"}
}

test_fail_message if {
	some d in nsg_ssh.deny with input as fixtures.input_for("azure-demo", "azure_network_security_group", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Network/networkSecurityGroups/nsg-legacy-jump", [])
	contains(d.message, "nsg-legacy-jump")
}

test_pass if {
	count(nsg_ssh.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_network_security_group", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Network/networkSecurityGroups/nsg-app-internal", [])
}

nsg(rule) := {"id": "g", "name": "g", "region": "westeurope", "tags": {}, "security_rules": [object.union(
	{"name": "r", "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "source_address_prefixes": ["Internet"], "destination_port_ranges": ["22"]},
	rule,
)]}

test_rule_edges if {
	count(nsg_ssh.deny) == 1 with input as {"resources": {"azure_network_security_group": [nsg({})]}}
	count(nsg_ssh.deny) == 1 with input as {"resources": {"azure_network_security_group": [nsg({"protocol": "*", "destination_port_ranges": ["1-1024"]})]}}
	count(nsg_ssh.deny) == 1 with input as {"resources": {"azure_network_security_group": [nsg({"source_address_prefixes": ["::/0"]})]}}
	count(nsg_ssh.deny) == 0 with input as {"resources": {"azure_network_security_group": [nsg({"access": "Deny"})]}}
	count(nsg_ssh.deny) == 0 with input as {"resources": {"azure_network_security_group": [nsg({"protocol": "Udp"})]}}
	count(nsg_ssh.deny) == 0 with input as {"resources": {"azure_network_security_group": [nsg({"source_address_prefixes": ["VirtualNetwork"]})]}}
	count(nsg_ssh.deny) == 0 with input as {"resources": {"azure_network_security_group": [nsg({"destination_port_ranges": ["23-3388"]})]}}
}
