package incloud.aws.s3.object_write_logging_test

import data.incloud.aws.s3.object_write_logging
import data.incloud.lib.aws.fixtures_test as fx

snapshot(trails) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {
	"aws_s3_bucket": [fx.bucket],
	"aws_cloudtrail_trail": trails,
}}

want := {{
	"resource_id": "arn:aws:s3:::data-bucket",
	"message": "no logging CloudTrail trail covering region eu-west-1 records S3 object-level write events (data events) for bucket data-bucket",
}}

test_passes_with_all_buckets_selector if {
	count(object_write_logging.deny) == 0 with input as snapshot([fx.trail({"event_selectors": [fx.data_selector("All", ["arn:aws:s3"])]})])
}

test_passes_with_bucket_prefix_write_only if {
	t := fx.trail({"event_selectors": [fx.data_selector("WriteOnly", ["arn:aws:s3:::data-bucket/"])]})
	count(object_write_logging.deny) == 0 with input as snapshot([t])
}

test_passes_with_advanced_selector if {
	t := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.s3_data_advanced([
		fx.field("readOnly", "equals", ["false"]),
		fx.field("resources.ARN", "starts_with", ["arn:aws:s3:::data-bucket/"]),
	])]})
	count(object_write_logging.deny) == 0 with input as snapshot([t])
}

test_fails_without_data_events if {
	object_write_logging.deny == want with input as snapshot([fx.trail({})])
}

test_fails_without_trails if {
	object_write_logging.deny == want with input as snapshot([])
}

test_fails_with_read_only_selector if {
	object_write_logging.deny == want with input as snapshot([fx.trail({"event_selectors": [fx.data_selector("ReadOnly", ["arn:aws:s3"])]})])
}

test_fails_with_advanced_read_only_selector if {
	t := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.s3_data_advanced([fx.field("readOnly", "equals", ["true"])])]})
	object_write_logging.deny == want with input as snapshot([t])
}

test_fails_with_other_prefix if {
	t := fx.trail({"event_selectors": [fx.data_selector("All", ["arn:aws:s3:::data-bucket/uploads/", "arn:aws:s3:::other/"])]})
	object_write_logging.deny == want with input as snapshot([t])
}

test_fails_when_trail_not_logging if {
	t := fx.trail({"is_logging": false, "event_selectors": [fx.data_selector("All", ["arn:aws:s3"])]})
	object_write_logging.deny == want with input as snapshot([t])
}

test_fails_with_single_region_trail_elsewhere if {
	t := fx.trail({"is_multi_region": false, "home_region": "us-east-1", "event_selectors": [fx.data_selector("All", ["arn:aws:s3"])]})
	object_write_logging.deny == want with input as snapshot([t])
}
