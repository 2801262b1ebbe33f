package incloud.lib.azure.monitor_test

import data.incloud.lib.azure.monitor

setting(logs) := {"name": "s", "storage_account_id": null, "workspace_id": "/w", "event_hub_authorization_rule_id": null, "logs": logs}

test_log_enabled if {
	monitor.log_enabled([setting([{"category": "AuditEvent", "category_group": null, "enabled": true}])], "AuditEvent")
	monitor.log_enabled([setting([{"category": null, "category_group": "allLogs", "enabled": true}])], "AuditEvent")
	not monitor.log_enabled([setting([{"category": "AuditEvent", "category_group": null, "enabled": false}])], "AuditEvent")
	not monitor.log_enabled([object.union(setting([{"category": "AuditEvent", "category_group": null, "enabled": true}]), {"workspace_id": null})], "AuditEvent")
}

alert(enabled, scope, category, op) := {
	"enabled": enabled, "scopes": [scope], "action_group_ids": [],
	"conditions": [{"field": "category", "equals": category}, {"field": "operationName", "equals": op}],
}

test_alert_for if {
	monitor.alert_for([alert(true, "/subscriptions/S", "Administrative", "Microsoft.Network/networkSecurityGroups/write")], "S", "microsoft.network/networksecuritygroups/write")
	not monitor.alert_for([alert(false, "/subscriptions/S", "Administrative", "Microsoft.Network/networkSecurityGroups/write")], "S", "Microsoft.Network/networkSecurityGroups/write")
	not monitor.alert_for([alert(true, "/subscriptions/T", "Administrative", "Microsoft.Network/networkSecurityGroups/write")], "S", "Microsoft.Network/networkSecurityGroups/write")
	not monitor.alert_for([alert(true, "/subscriptions/S", "Security", "Microsoft.Network/networkSecurityGroups/write")], "S", "Microsoft.Network/networkSecurityGroups/write")
}
