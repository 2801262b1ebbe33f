package incloud.azure.monitor.alert_nsg_write_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.monitor.alert_nsg_write

test_fail if {
	ids := {d.resource_id | some d in alert_nsg_write.deny} with input as fixtures.input_for("azure-demo", "azure_subscription", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a", ["azure_monitor_activity_log_alert"])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a"}
}

test_fail_message if {
	some d in alert_nsg_write.deny with input as fixtures.input_for("azure-demo", "azure_subscription", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a", ["azure_monitor_activity_log_alert"])
	count(d.message) > 0
}

test_pass if {
	count(alert_nsg_write.deny) == 0 with input as fixtures.input_for("azure-demo-secure", "azure_subscription", "/subscriptions/0b7e6d5c-4a3b-4c2d-9e1f-8a7b6c5d4e3f", ["azure_monitor_activity_log_alert"])
}

sub := {"id": "/subscriptions/S", "name": "s", "region": "global", "tags": {}, "subscription_id": "S"}

alert(enabled, scope, conditions) := {"id": "a", "name": "a", "region": "global", "tags": {}, "enabled": enabled, "scopes": [scope], "action_group_ids": [], "conditions": conditions}

op := {"field": "operationName", "equals": "Microsoft.Network/networkSecurityGroups/write"}

test_alert_edges if {
	count(alert_nsg_write.deny) == 0 with input as {"resources": {"azure_subscription": [sub], "azure_monitor_activity_log_alert": [alert(true, "/subscriptions/S/", [op])]}}
	count(alert_nsg_write.deny) == 1 with input as {"resources": {"azure_subscription": [sub], "azure_monitor_activity_log_alert": [alert(false, "/subscriptions/S", [op])]}}
	count(alert_nsg_write.deny) == 1 with input as {"resources": {"azure_subscription": [sub], "azure_monitor_activity_log_alert": [alert(true, "/subscriptions/S/resourceGroups/rg", [op])]}}
	count(alert_nsg_write.deny) == 1 with input as {"resources": {"azure_subscription": [sub], "azure_monitor_activity_log_alert": [alert(true, "/subscriptions/S", [{"field": "category", "equals": "Security"}, op])]}}
	count(alert_nsg_write.deny) == 1 with input as {"resources": {"azure_subscription": [sub], "azure_monitor_activity_log_alert": []}}
}
