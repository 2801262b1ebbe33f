# Test fixtures shared by the tests of the AWS logging libraries (cloudtrail, s3_data_events,
# metric_filters) and of the CloudTrail, S3 object-logging and CloudWatch checks. A _test file:
# never loaded into a scan.
package incloud.lib.aws.fixtures_test

account := {
	"id": "arn:aws:iam::111122223333:root", "name": "prod", "region": "global", "tags": {},
	"account_id": "111122223333",
}

log_group_arn := "arn:aws:logs:eu-west-1:111122223333:log-group:org-trail-logs:*"

# trail(overrides) is a multi-region, logging trail recording all management events, with
# overrides applied.
trail(overrides) := object.union(
	{
		"id": "arn:aws:cloudtrail:eu-west-1:111122223333:trail/main", "name": "main",
		"region": "eu-west-1", "tags": {}, "home_region": "eu-west-1", "is_multi_region": true,
		"is_organization_trail": false, "include_global_service_events": true,
		"log_file_validation_enabled": true,
		"kms_key_id": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
		"s3_bucket_name": "trail-bucket", "cloudwatch_logs_log_group_arn": log_group_arn,
		"is_logging": true,
		"event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": []}],
		"advanced_event_selectors": null,
	},
	overrides,
)

# metric_filter(name, group, pattern) is a metric filter in eu-west-1 publishing metric
# CISBenchmark/<name>.
metric_filter(name, group, pattern) := {
	"id": sprintf("arn:aws:logs:eu-west-1:111122223333:log-group:%s:metric-filter/%s", [group, name]),
	"name": name, "region": "eu-west-1", "tags": {}, "log_group_name": group,
	"filter_pattern": pattern,
	"metric_transformations": [{"metric_name": name, "metric_namespace": "CISBenchmark"}],
}

# alarm(metric, overrides) is an alarm in eu-west-1 on CISBenchmark/<metric> notifying an SNS topic.
alarm(metric, overrides) := object.union(
	{
		"id": sprintf("arn:aws:cloudwatch:eu-west-1:111122223333:alarm:%s", [metric]), "name": metric,
		"region": "eu-west-1", "tags": {}, "metric_name": metric, "namespace": "CISBenchmark",
		"actions_enabled": true, "alarm_actions": ["arn:aws:sns:eu-west-1:111122223333:security-alerts"],
		"state_value": "OK",
	},
	overrides,
)

# monitored_input(pattern) is a snapshot where the main trail's log group has a filter with
# pattern and an alarm with actions on its metric.
monitored_input(pattern) := {
	"collected_at": "2026-11-20T06:00:00Z",
	"resources": {
		"aws_account": [account],
		"aws_cloudtrail_trail": [trail({})],
		"aws_logs_metric_filter": [metric_filter("cis", "org-trail-logs", pattern)],
		"aws_cloudwatch_alarm": [alarm("cis", {})],
	},
}

bucket := {
	"id": "arn:aws:s3:::data-bucket", "name": "data-bucket", "region": "eu-west-1", "tags": {},
	"logging": null,
}

data_selector(rw, values) := {
	"read_write_type": rw, "include_management_events": true,
	"data_resources": [{"type": "AWS::S3::Object", "values": values}],
}

field(name, op, values) := {"field": name, op: values}

advanced(fields) := {"name": null, "field_selectors": fields}

s3_data_advanced(extra) := advanced(array.concat(
	[field("eventCategory", "equals", ["Data"]), field("resources.type", "equals", ["AWS::S3::Object"])],
	extra,
))
