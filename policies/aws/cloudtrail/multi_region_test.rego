package incloud.aws.cloudtrail.multi_region_test

import data.incloud.aws.cloudtrail.multi_region
import data.incloud.lib.aws.fixtures_test as fx

snapshot(trails) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {
	"aws_account": [fx.account],
	"aws_cloudtrail_trail": trails,
}}

test_passes_with_multi_region_logging_trail if {
	count(multi_region.deny) == 0 with input as snapshot([fx.trail({})])
}

test_passes_when_one_of_several_trails_qualifies if {
	count(multi_region.deny) == 0 with input as snapshot([fx.trail({"id": "t1", "name": "regional", "is_multi_region": false}), fx.trail({})])
}

test_fails_without_trails if {
	multi_region.deny == {{"resource_id": fx.account.id, "message": "account prod has no CloudTrail trail"}} with input as snapshot([])
}

test_fails_with_single_region_trail_only if {
	multi_region.deny == {{
		"resource_id": fx.account.id,
		"message": "account prod has no trail that is multi-region, logging and recording all read and write management events (main: single-region)",
	}} with input as snapshot([fx.trail({"is_multi_region": false})])
}

test_fails_when_trail_not_logging if {
	multi_region.deny == {{
		"resource_id": fx.account.id,
		"message": "account prod has no trail that is multi-region, logging and recording all read and write management events (main: not logging)",
	}} with input as snapshot([fx.trail({"is_logging": false})])
}

test_fails_with_read_only_selector if {
	t := fx.trail({"event_selectors": [{"read_write_type": "ReadOnly", "include_management_events": true, "data_resources": []}]})
	multi_region.deny == {{
		"resource_id": fx.account.id,
		"message": "account prod has no trail that is multi-region, logging and recording all read and write management events (main: does not record all read and write management events)",
	}} with input as snapshot([t])
}

test_advanced_selectors if {
	ok := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.advanced([fx.field("eventCategory", "equals", ["Management"])])]})
	count(multi_region.deny) == 0 with input as snapshot([ok])
	write_only := fx.trail({"event_selectors": null, "advanced_event_selectors": [fx.advanced([
		fx.field("eventCategory", "equals", ["Management"]),
		fx.field("readOnly", "equals", ["false"]),
	])]})
	count(multi_region.deny) == 1 with input as snapshot([write_only])
}

test_lists_every_trail_in_message if {
	ts := [fx.trail({"id": "a", "name": "b-trail", "is_logging": false}), fx.trail({"id": "b", "name": "a-trail", "is_multi_region": false, "is_logging": false})]
	multi_region.deny == {{
		"resource_id": fx.account.id,
		"message": "account prod has no trail that is multi-region, logging and recording all read and write management events (a-trail: not logging, single-region; b-trail: not logging)",
	}} with input as snapshot(ts)
}
