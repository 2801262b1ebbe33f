package incloud.gcp.monitoring.project_ownership_changes_test

import data.incloud.gcp.monitoring.project_ownership_changes as check

metric_filter := concat(" AND ", data.incloud.lib.gcp.monitoring.cis_terms["project_ownership"])

snap(metrics, policies) := {"resources": {"gcp_project": [{"id": "p", "project_id": "p1"}], "gcp_logging_metric": metrics, "gcp_monitoring_alert_policy": policies}}

metric := {"name": "m1", "filter": metric_filter, "disabled": false}

alert(enabled) := {"enabled": enabled, "condition_filters": [`metric.type="logging.googleapis.com/user/m1" AND resource.type="global"`], "notification_channels": ["projects/p1/notificationChannels/1"]}

test_fails_without_metric if {
	check.deny == {{"resource_id": "p", "message": "project ownership assignments and changes are not alerted on in project p1: no enabled log-based metric has the CIS filter for this change type"}} with input as snap([], [alert(true)])
}

test_fails_without_enabled_alert if {
	count(check.deny) == 1 with input as snap([metric], [alert(false)])
}

test_passes_with_metric_and_alert if {
	count(check.deny) == 0 with input as snap([metric], [alert(true)])
}
