package incloud.lib.aws.logging_test

import data.incloud.lib.aws.logging

# ---------------------------------------------------------------------------------------------
# Fixtures, also used by the tests of the CloudTrail, S3 object-logging and CloudWatch checks.
# ---------------------------------------------------------------------------------------------

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

# ---------------------------------------------------------------------------------------------
# Management trails
# ---------------------------------------------------------------------------------------------

test_management_trail_basic_selector if {
	logging.management_trail(trail({}))
}

test_management_trail_read_only_selector_fails if {
	t := trail({"event_selectors": [{"read_write_type": "ReadOnly", "include_management_events": true, "data_resources": []}]})
	not logging.management_trail(t)
	logging.trail_shortcomings(t) == {"does not record all read and write management events"}
}

test_management_trail_excluding_management_events_fails if {
	t := trail({"event_selectors": [{"read_write_type": "All", "include_management_events": false, "data_resources": []}]})
	not logging.management_trail(t)
}

test_management_trail_advanced_selectors if {
	t := trail({"event_selectors": null, "advanced_event_selectors": [advanced([field("eventCategory", "equals", ["Management"])])]})
	logging.management_trail(t)
}

test_management_trail_advanced_read_only_fails if {
	t := trail({"event_selectors": null, "advanced_event_selectors": [advanced([
		field("eventCategory", "equals", ["Management"]),
		field("readOnly", "equals", ["true"]),
	])]})
	not logging.management_trail(t)
}

test_management_trail_advanced_data_only_fails if {
	t := trail({"event_selectors": null, "advanced_event_selectors": [s3_data_advanced([])]})
	not logging.management_trail(t)
}

test_single_region_and_not_logging_shortcomings if {
	t := trail({"is_multi_region": false, "is_logging": false})
	not logging.management_trail(t)
	logging.trail_shortcomings(t) == {"single-region", "not logging"}
}

# ---------------------------------------------------------------------------------------------
# Log groups
# ---------------------------------------------------------------------------------------------

test_log_group_parsed_from_arn if {
	logging.log_group(trail({})) == {"region": "eu-west-1", "name": "org-trail-logs"}
	logging.log_group(trail({"cloudwatch_logs_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:/aws/cloudtrail/x"})) == {"region": "us-east-1", "name": "/aws/cloudtrail/x"}
}

test_log_group_undefined_without_arn if {
	not logging.log_group(trail({"cloudwatch_logs_log_group_arn": null}))
	not logging.log_group(trail({"cloudwatch_logs_log_group_arn": "arn:aws:s3:::bucket"}))
}

test_monitored_log_groups_only_of_management_trails if {
	inp := {"resources": {"aws_cloudtrail_trail": [
		trail({}),
		trail({"id": "t2", "is_multi_region": false, "cloudwatch_logs_log_group_arn": "arn:aws:logs:eu-west-1:111122223333:log-group:single:*"}),
	]}}
	logging.monitored_log_groups == {{"region": "eu-west-1", "name": "org-trail-logs"}} with input as inp
}

# ---------------------------------------------------------------------------------------------
# Filter patterns
# ---------------------------------------------------------------------------------------------

test_pattern_terms_normalized if {
	logging.pattern_terms(`{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`) == {
		"$.eventName=ConsoleLogin",
		"$.additionalEventData.MFAUsed!=Yes",
	}
	logging.pattern_terms(`{$.userIdentity.type="Root" && $.userIdentity.invokedBy not  exists}`) == {
		"$.userIdentity.type=Root",
		"$.userIdentity.invokedByNOTEXISTS",
	}
}

test_every_cis_pattern_matches_itself if {
	every name, spec in logging.cis_metric_filters {
		count(logging.required_terms[name]) >= 2
		f := metric_filter("x", "g", spec.pattern)
		logging.filter_matches(f, name) with input as {"resources": {"aws_logs_metric_filter": [f]}}
	}
}

test_every_cis_pattern_matches_without_whitespace if {
	every name, spec in object.remove(logging.cis_metric_filters, ["root_usage"]) {
		f := metric_filter("x", "g", regex.replace(spec.pattern, `\s+`, ""))
		logging.filter_matches(f, name) with input as {"resources": {"aws_logs_metric_filter": [f]}}
	}
	f := metric_filter("x", "g", `{$.userIdentity.type="Root"&&$.userIdentity.invokedBy NOT EXISTS&&$.eventType!="AwsServiceEvent"}`)
	logging.filter_matches(f, "root_usage") with input as {"resources": {"aws_logs_metric_filter": [f]}}
}

test_patterns_are_distinct if {
	# no CIS pattern satisfies another one's check
	cross := {[name, other] |
		some name, spec in logging.cis_metric_filters
		some other, _ in logging.cis_metric_filters
		other != name
		f := metric_filter("x", "g", spec.pattern)
		logging.filter_matches(f, other) with input as {"resources": {"aws_logs_metric_filter": [f]}}
	}
	cross == set()
}

test_filter_with_extra_whitespace_and_quotes_matches if {
	p := `{   ( $.eventName = "CreateTrail" )||($.eventName=UpdateTrail)  ||  ($.eventName = DeleteTrail) ||
		($.eventName = "StartLogging") || ($.eventName = StopLogging) || ($.eventName = PutEventSelectors) }`
	f := metric_filter("x", "g", p)
	logging.filter_matches(f, "cloudtrail_changes") with input as {"resources": {"aws_logs_metric_filter": [f]}}
}

test_filter_missing_a_term_does_not_match if {
	p := `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) }`
	f := metric_filter("x", "g", p)
	not logging.filter_matches(f, "cloudtrail_changes") with input as {"resources": {"aws_logs_metric_filter": [f]}}
}

test_filter_with_inverted_operator_does_not_match if {
	p := `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed = "Yes") }`
	f := metric_filter("x", "g", p)
	not logging.filter_matches(f, "console_signin_no_mfa") with input as {"resources": {"aws_logs_metric_filter": [f]}}
}

test_filter_prefix_of_event_name_does_not_match if {
	# CreateRouteTable must not stand in for CreateRoute
	p := `{ ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }`
	f := metric_filter("x", "g", p)
	not logging.filter_matches(f, "route_table_changes") with input as {"resources": {"aws_logs_metric_filter": [f]}}
}

test_vpc_pattern_without_classiclink_matches if {
	p := `{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) }`
	f := metric_filter("x", "g", p)
	logging.filter_matches(f, "vpc_changes") with input as {"resources": {"aws_logs_metric_filter": [f]}}
}

test_monitoring_gap_none_when_alarmed if {
	not logging.monitoring_gap("root_usage") with input as monitored_input(logging.cis_metric_filters.root_usage.pattern)
}

test_monitoring_gap_no_trail_log_group if {
	inp := json.patch(monitored_input(logging.cis_metric_filters.root_usage.pattern), [{"op": "replace", "path": "/resources/aws_cloudtrail_trail/0/cloudwatch_logs_log_group_arn", "value": null}])
	logging.monitoring_gap("root_usage") == "no CloudWatch alarm watches root account usage: no multi-region, logging trail that records all management events delivers to a CloudWatch Logs group" with input as inp
}

test_monitoring_gap_filter_on_wrong_log_group if {
	inp := json.patch(monitored_input(logging.cis_metric_filters.root_usage.pattern), [{"op": "replace", "path": "/resources/aws_logs_metric_filter/0", "value": metric_filter("cis", "other-group", logging.cis_metric_filters.root_usage.pattern)}])
	logging.monitoring_gap("root_usage") == "no CloudWatch alarm watches root account usage: no metric filter on log group org-trail-logs (eu-west-1) matches the CIS pattern" with input as inp
}

test_monitoring_gap_filter_in_wrong_region if {
	f := object.union(metric_filter("cis", "org-trail-logs", logging.cis_metric_filters.root_usage.pattern), {"region": "us-east-1"})
	inp := json.patch(monitored_input(""), [{"op": "replace", "path": "/resources/aws_logs_metric_filter/0", "value": f}])
	startswith(logging.monitoring_gap("root_usage"), "no CloudWatch alarm watches root account usage: no metric filter on log group") with input as inp
}

test_monitoring_gap_alarm_without_actions if {
	inp := json.patch(monitored_input(logging.cis_metric_filters.root_usage.pattern), [{"op": "replace", "path": "/resources/aws_cloudwatch_alarm/0/alarm_actions", "value": []}])
	logging.monitoring_gap("root_usage") == "no CloudWatch alarm watches root account usage: metric filter cis on org-trail-logs matches the CIS pattern but no alarm with enabled actions is set on its metric" with input as inp
}

test_monitoring_gap_alarm_actions_disabled_or_wrong_metric if {
	disabled := json.patch(monitored_input(logging.cis_metric_filters.root_usage.pattern), [{"op": "replace", "path": "/resources/aws_cloudwatch_alarm/0/actions_enabled", "value": false}])
	logging.monitoring_gap("root_usage") with input as disabled
	wrong_ns := json.patch(monitored_input(logging.cis_metric_filters.root_usage.pattern), [{"op": "replace", "path": "/resources/aws_cloudwatch_alarm/0/namespace", "value": "Other"}])
	logging.monitoring_gap("root_usage") with input as wrong_ns
}

# ---------------------------------------------------------------------------------------------
# S3 object-level logging
# ---------------------------------------------------------------------------------------------

test_basic_all_buckets_values if {
	every v in ["arn:aws:s3", "arn:aws:s3:::", "arn:aws:s3:::data-bucket", "arn:aws:s3:::data-bucket/"] {
		t := trail({"event_selectors": [data_selector("All", [v])]})
		logging.records_s3_object_events(t, bucket, "write")
		logging.records_s3_object_events(t, bucket, "read")
	}
}

test_basic_partial_values_do_not_cover if {
	every v in ["arn:aws:s3:::data-bucket/logs/", "arn:aws:s3:::data", "arn:aws:s3:::other-bucket/"] {
		t := trail({"event_selectors": [data_selector("All", [v])]})
		not logging.records_s3_object_events(t, bucket, "write")
	}
}

test_basic_read_write_type if {
	wo := trail({"event_selectors": [data_selector("WriteOnly", ["arn:aws:s3"])]})
	logging.records_s3_object_events(wo, bucket, "write")
	not logging.records_s3_object_events(wo, bucket, "read")
	ro := trail({"event_selectors": [data_selector("ReadOnly", ["arn:aws:s3"])]})
	logging.records_s3_object_events(ro, bucket, "read")
	not logging.records_s3_object_events(ro, bucket, "write")
}

test_basic_lambda_data_resource_does_not_cover if {
	t := trail({"event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": [{"type": "AWS::Lambda::Function", "values": ["arn:aws:lambda"]}]}]})
	not logging.records_s3_object_events(t, bucket, "write")
}

test_trail_not_logging_or_other_region if {
	not logging.records_s3_object_events(trail({"is_logging": false, "event_selectors": [data_selector("All", ["arn:aws:s3"])]}), bucket, "write")
	not logging.records_s3_object_events(trail({"is_multi_region": false, "home_region": "us-east-1", "event_selectors": [data_selector("All", ["arn:aws:s3"])]}), bucket, "write")
	logging.records_s3_object_events(trail({"is_multi_region": false, "event_selectors": [data_selector("All", ["arn:aws:s3"])]}), bucket, "write")
}

test_advanced_all_s3_objects if {
	t := trail({"event_selectors": null, "advanced_event_selectors": [s3_data_advanced([])]})
	logging.records_s3_object_events(t, bucket, "write")
	logging.records_s3_object_events(t, bucket, "read")
}

test_advanced_read_only_field if {
	w := trail({"event_selectors": null, "advanced_event_selectors": [s3_data_advanced([field("readOnly", "equals", ["false"])])]})
	logging.records_s3_object_events(w, bucket, "write")
	not logging.records_s3_object_events(w, bucket, "read")
	r := trail({"event_selectors": null, "advanced_event_selectors": [s3_data_advanced([field("readOnly", "equals", ["true"])])]})
	logging.records_s3_object_events(r, bucket, "read")
	not logging.records_s3_object_events(r, bucket, "write")
}

test_advanced_arn_prefixes if {
	every v in ["arn:aws:s3:::data-bucket/", "arn:aws:s3:::data-", "arn:aws:s3"] {
		t := trail({"event_selectors": null, "advanced_event_selectors": [s3_data_advanced([field("resources.ARN", "starts_with", [v])])]})
		logging.records_s3_object_events(t, bucket, "write")
	}
	every v in ["arn:aws:s3:::data-bucket/logs/", "arn:aws:s3:::other/"] {
		t := trail({"event_selectors": null, "advanced_event_selectors": [s3_data_advanced([field("resources.ARN", "starts_with", [v])])]})
		not logging.records_s3_object_events(t, bucket, "write")
	}
}

test_advanced_arn_exclusions if {
	other := trail({"event_selectors": null, "advanced_event_selectors": [s3_data_advanced([field("resources.ARN", "not_starts_with", ["arn:aws:s3:::other-bucket/"])])]})
	logging.records_s3_object_events(other, bucket, "write")
	this := trail({"event_selectors": null, "advanced_event_selectors": [s3_data_advanced([field("resources.ARN", "not_starts_with", ["arn:aws:s3:::data-bucket/tmp/"])])]})
	not logging.records_s3_object_events(this, bucket, "write")
	equals := trail({"event_selectors": null, "advanced_event_selectors": [s3_data_advanced([field("resources.ARN", "equals", ["arn:aws:s3:::data-bucket/one-object"])])]})
	not logging.records_s3_object_events(equals, bucket, "write")
}

test_advanced_management_category_does_not_cover_data if {
	t := trail({"event_selectors": null, "advanced_event_selectors": [advanced([field("eventCategory", "equals", ["Management"])])]})
	not logging.records_s3_object_events(t, bucket, "write")
}
