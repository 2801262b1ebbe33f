package incloud.lib.aws.cloudtrail_test

import data.incloud.lib.aws.cloudtrail
import data.incloud.lib.aws.fixtures_test as fx

test_management_trail_basic_selector if {
	cloudtrail.management_trail(fx.trail({}))
}

test_management_trail_read_only_selector_fails if {
	t := fx.trail({"event_selectors": [{"read_write_type": "ReadOnly", "include_management_events": true, "data_resources": []}]})
	not cloudtrail.management_trail(t)
	cloudtrail.trail_shortcomings(t) == {"does not record all read and write management events"}
}

test_management_trail_excluding_management_events_fails if {
	t := fx.trail({"event_selectors": [{"read_write_type": "All", "include_management_events": false, "data_resources": []}]})
	not cloudtrail.management_trail(t)
}

test_management_trail_advanced_selectors if {
	t := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.advanced([fx.field("eventCategory", "equals", ["Management"])])]})
	cloudtrail.management_trail(t)
}

test_management_trail_advanced_read_only_fails if {
	t := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.advanced([
		fx.field("eventCategory", "equals", ["Management"]),
		fx.field("readOnly", "equals", ["true"]),
	])]})
	not cloudtrail.management_trail(t)
}

test_management_trail_advanced_data_only_fails if {
	t := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.s3_data_advanced([])]})
	not cloudtrail.management_trail(t)
}

test_single_region_and_not_logging_shortcomings if {
	t := fx.trail({"is_multi_region": false, "is_logging": false})
	not cloudtrail.management_trail(t)
	cloudtrail.trail_shortcomings(t) == {"single-region", "not logging"}
}

test_log_group_parsed_from_arn if {
	cloudtrail.log_group(fx.trail({})) == {"region": "eu-west-1", "name": "org-trail-logs"}
	cloudtrail.log_group(fx.trail({"cloudwatch_logs_log_group_arn": "arn:aws:logs:us-east-1:111122223333:log-group:/aws/cloudtrail/x"})) == {"region": "us-east-1", "name": "/aws/cloudtrail/x"}
}

test_log_group_undefined_without_arn if {
	not cloudtrail.log_group(fx.trail({"cloudwatch_logs_log_group_arn": null}))
	not cloudtrail.log_group(fx.trail({"cloudwatch_logs_log_group_arn": "arn:aws:s3:::bucket"}))
}
