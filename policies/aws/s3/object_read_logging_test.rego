package incloud.aws.s3.object_read_logging_test

import data.incloud.aws.s3.object_read_logging
import data.incloud.lib.aws.fixtures_test as fx

snapshot(trails) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {
	"aws_s3_bucket": [fx.bucket],
	"aws_cloudtrail_trail": trails,
}}

want := {{
	"resource_id": "arn:aws:s3:::data-bucket",
	"message": "no logging CloudTrail trail covering region eu-west-1 records S3 object-level read events (data events) for bucket data-bucket",
}}

test_passes_with_all_buckets_selector if {
	count(object_read_logging.deny) == 0 with input as snapshot([fx.trail({"event_selectors": [fx.data_selector("All", ["arn:aws:s3:::"])]})])
}

test_passes_with_bucket_arn_read_only if {
	t := fx.trail({"event_selectors": [fx.data_selector("ReadOnly", ["arn:aws:s3:::data-bucket"])]})
	count(object_read_logging.deny) == 0 with input as snapshot([t])
}

test_passes_with_advanced_selector if {
	t := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.s3_data_advanced([fx.field("readOnly", "equals", ["true"])])]})
	count(object_read_logging.deny) == 0 with input as snapshot([t])
}

test_passes_with_single_region_trail_in_bucket_region if {
	t := fx.trail({"is_multi_region": false, "event_selectors": [fx.data_selector("ReadOnly", ["arn:aws:s3"])]})
	count(object_read_logging.deny) == 0 with input as snapshot([t])
}

test_fails_without_data_events if {
	object_read_logging.deny == want with input as snapshot([fx.trail({})])
}

test_fails_with_write_only_selector if {
	object_read_logging.deny == want with input as snapshot([fx.trail({"event_selectors": [fx.data_selector("WriteOnly", ["arn:aws:s3"])]})])
}

test_fails_with_advanced_write_only_selector if {
	t := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.s3_data_advanced([fx.field("readOnly", "equals", ["false"])])]})
	object_read_logging.deny == want with input as snapshot([t])
}

test_fails_when_bucket_excluded if {
	t := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.s3_data_advanced([fx.field("resources.ARN", "not_starts_with", ["arn:aws:s3:::data-bucket/"])])]})
	object_read_logging.deny == want with input as snapshot([t])
}

test_fails_with_partial_bucket_prefix if {
	t := fx.trail({"event_selectors": [fx.data_selector("All", ["arn:aws:s3:::data-bucket/reports/"])]})
	object_read_logging.deny == want with input as snapshot([t])
}
