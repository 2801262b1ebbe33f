package incloud.azure.network.flow_log_retention_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.network.flow_log_retention

test_fail if {
	ids := {d.resource_id | some d in flow_log_retention.deny} with input as fixtures.input_for("azure-demo", "azure_network_security_group", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Network/networkSecurityGroups/nsg-legacy-jump", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Network/networkSecurityGroups/nsg-legacy-jump"}
}

test_fail_message if {
	some d in flow_log_retention.deny with input as fixtures.input_for("azure-demo", "azure_network_security_group", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Network/networkSecurityGroups/nsg-legacy-jump", [])
	contains(d.message, "nsg-legacy-jump")
}

test_pass if {
	count(flow_log_retention.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_network_security_group", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Network/networkSecurityGroups/nsg-app-internal", [])
}

nsg(f) := {"id": "g", "name": "g", "region": "westeurope", "tags": {}, "flow_logs": [object.union({"id": "f", "enabled": true, "retention_enabled": true, "retention_days": 90, "traffic_analytics_enabled": false, "workspace_id": null}, f)]}

test_retention_edges if {
	count(flow_log_retention.deny) == 0 with input as {"resources": {"azure_network_security_group": [nsg({})]}}
	count(flow_log_retention.deny) == 0 with input as {"resources": {"azure_network_security_group": [nsg({"retention_days": 0})]}}
	count(flow_log_retention.deny) == 0 with input as {"resources": {"azure_network_security_group": [nsg({"retention_enabled": false, "retention_days": 7})]}}
	count(flow_log_retention.deny) == 1 with input as {"resources": {"azure_network_security_group": [nsg({"retention_days": 89})]}}
	count(flow_log_retention.deny) == 1 with input as {"resources": {"azure_network_security_group": [nsg({"enabled": false})]}}
}
