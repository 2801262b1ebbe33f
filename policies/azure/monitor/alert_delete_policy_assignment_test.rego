package incloud.azure.monitor.alert_delete_policy_assignment_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.monitor.alert_delete_policy_assignment

test_fail if {
	ids := {d.resource_id | some d in alert_delete_policy_assignment.deny} with input as fixtures.input_for("azure-demo", "azure_subscription", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a", ["azure_monitor_activity_log_alert"])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a"}
}

test_fail_message if {
	some d in alert_delete_policy_assignment.deny with input as fixtures.input_for("azure-demo", "azure_subscription", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a", ["azure_monitor_activity_log_alert"])
	count(d.message) > 0
}

test_pass if {
	count(alert_delete_policy_assignment.deny) == 0 with input as fixtures.input_for("azure-demo-secure", "azure_subscription", "/subscriptions/0b7e6d5c-4a3b-4c2d-9e1f-8a7b6c5d4e3f", ["azure_monitor_activity_log_alert"])
}
