package incloud.lib.aws.s3_data_events_test

import data.incloud.lib.aws.fixtures_test as fx
import data.incloud.lib.aws.s3_data_events

# records(t, bucket, mode): in a snapshot whose only trail is t, the object events of mode of
# bucket are recorded.
records(t, bucket, mode) if {
	s3_data_events.s3_object_logged(mode, bucket.region, bucket.name) with input as {"resources": {"aws_cloudtrail_trail": [t]}}
}

test_basic_all_buckets_values if {
	every v in ["arn:aws:s3", "arn:aws:s3:::", "arn:aws:s3:::data-bucket", "arn:aws:s3:::data-bucket/"] {
		t := fx.trail({"event_selectors": [fx.data_selector("All", [v])]})
		records(t, fx.bucket, "write")
		records(t, fx.bucket, "read")
	}
}

test_basic_partial_values_do_not_cover if {
	every v in ["arn:aws:s3:::data-bucket/logs/", "arn:aws:s3:::data", "arn:aws:s3:::other-bucket/"] {
		t := fx.trail({"event_selectors": [fx.data_selector("All", [v])]})
		not records(t, fx.bucket, "write")
	}
}

test_basic_read_write_type if {
	wo := fx.trail({"event_selectors": [fx.data_selector("WriteOnly", ["arn:aws:s3"])]})
	records(wo, fx.bucket, "write")
	not records(wo, fx.bucket, "read")
	ro := fx.trail({"event_selectors": [fx.data_selector("ReadOnly", ["arn:aws:s3"])]})
	records(ro, fx.bucket, "read")
	not records(ro, fx.bucket, "write")
}

test_basic_lambda_data_resource_does_not_cover if {
	t := fx.trail({"event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": [{"type": "AWS::Lambda::Function", "values": ["arn:aws:lambda"]}]}]})
	not records(t, fx.bucket, "write")
}

test_trail_not_logging_or_other_region if {
	not records(fx.trail({"is_logging": false, "event_selectors": [fx.data_selector("All", ["arn:aws:s3"])]}), fx.bucket, "write")
	not records(fx.trail({"is_multi_region": false, "home_region": "us-east-1", "event_selectors": [fx.data_selector("All", ["arn:aws:s3"])]}), fx.bucket, "write")
	records(fx.trail({"is_multi_region": false, "event_selectors": [fx.data_selector("All", ["arn:aws:s3"])]}), fx.bucket, "write")
}

test_advanced_all_s3_objects if {
	t := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.s3_data_advanced([])]})
	records(t, fx.bucket, "write")
	records(t, fx.bucket, "read")
}

test_advanced_read_only_field if {
	w := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.s3_data_advanced([fx.field("readOnly", "equals", ["false"])])]})
	records(w, fx.bucket, "write")
	not records(w, fx.bucket, "read")
	r := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.s3_data_advanced([fx.field("readOnly", "equals", ["true"])])]})
	records(r, fx.bucket, "read")
	not records(r, fx.bucket, "write")
}

test_advanced_arn_prefixes if {
	every v in ["arn:aws:s3:::data-bucket/", "arn:aws:s3:::data-", "arn:aws:s3"] {
		t := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.s3_data_advanced([fx.field("resources.ARN", "starts_with", [v])])]})
		records(t, fx.bucket, "write")
	}
	every v in ["arn:aws:s3:::data-bucket/logs/", "arn:aws:s3:::other/"] {
		t := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.s3_data_advanced([fx.field("resources.ARN", "starts_with", [v])])]})
		not records(t, fx.bucket, "write")
	}
}

test_advanced_arn_exclusions if {
	other := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.s3_data_advanced([fx.field("resources.ARN", "not_starts_with", ["arn:aws:s3:::other-bucket/"])])]})
	records(other, fx.bucket, "write")
	this := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.s3_data_advanced([fx.field("resources.ARN", "not_starts_with", ["arn:aws:s3:::data-bucket/tmp/"])])]})
	not records(this, fx.bucket, "write")
	equals := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.s3_data_advanced([fx.field("resources.ARN", "equals", ["arn:aws:s3:::data-bucket/one-object"])])]})
	not records(equals, fx.bucket, "write")
}

test_advanced_management_category_does_not_cover_data if {
	t := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.advanced([fx.field("eventCategory", "equals", ["Management"])])]})
	not records(t, fx.bucket, "write")
}
