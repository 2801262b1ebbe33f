package incloud.azure.network.nsg_rdp_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.network.nsg_rdp

test_fail if {
	ids := {d.resource_id | some d in nsg_rdp.deny} with input as fixtures.input_for("azure-demo", "azure_network_security_group", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Network/networkSecurityGroups/nsg-legacy-jump", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Network/networkSecurityGroups/nsg-legacy-jump"}
}

test_fail_message if {
	some d in nsg_rdp.deny with input as fixtures.input_for("azure-demo", "azure_network_security_group", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Network/networkSecurityGroups/nsg-legacy-jump", [])
	contains(d.message, "nsg-legacy-jump")
}

test_pass if {
	count(nsg_rdp.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_network_security_group", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Network/networkSecurityGroups/nsg-app-internal", [])
}
