package incloud.lib.gcp.monitoring_test

import data.incloud.lib.gcp.monitoring

sql_filter := `protoPayload.methodName = "cloudsql.instances.update"`

snap(metrics, policies) := {"resources": {"gcp_logging_metric": metrics, "gcp_monitoring_alert_policy": policies}}

metric(name, filter, disabled) := {"name": name, "filter": filter, "disabled": disabled}

alert(filter, enabled, channels) := {"enabled": enabled, "condition_filters": [filter], "notification_channels": channels}

watch(name) := sprintf(`metric.type = "logging.googleapis.com/user/%s" AND resource.type="global"`, [name])

test_matches_ignores_whitespace if {
	monitoring.matches(sql_filter, "sql_config")
}

test_matches_rejects_not if {
	not monitoring.matches(`NOT protoPayload.methodName="cloudsql.instances.update"`, "sql_config")
}

test_matches_needs_every_term if {
	not monitoring.matches(`resource.type="gce_route" AND protoPayload.methodName:"compute.routes.delete"`, "route")
}

test_monitored if {
	monitoring.monitored("sql_config") with input as snap([metric("sql", sql_filter, false)], [alert(watch("sql"), true, ["projects/p/notificationChannels/1"])])
}

test_gap_without_metric if {
	monitoring.gap("sql_config") == "no enabled log-based metric has the CIS filter for this change type" with input as snap([metric("sql", sql_filter, true)], [])
}

test_gap_without_channel if {
	monitoring.gap("sql_config") == "log-based metric sql has no enabled alert policy with a notification channel" with input as snap([metric("sql", sql_filter, false)], [alert(watch("sql"), true, [])])
}

test_gap_with_disabled_policy if {
	monitoring.gap("sql_config") with input as snap([metric("sql", sql_filter, false)], [alert(watch("sql"), false, ["c"])])
}

test_no_gap_when_monitored if {
	not monitoring.gap("sql_config") with input as snap([metric("sql", sql_filter, false)], [alert(watch("sql"), true, ["c"])])
}
