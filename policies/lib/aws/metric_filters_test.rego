package incloud.lib.aws.metric_filters_test

import data.incloud.lib.aws.fixtures_test as fx
import data.incloud.lib.aws.metric_filters

test_monitored_log_groups_only_of_management_trails if {
	inp := {"resources": {"aws_cloudtrail_trail": [
		fx.trail({}),
		fx.trail({"id": "t2", "is_multi_region": false, "cloudwatch_logs_log_group_arn": "arn:aws:logs:eu-west-1:111122223333:log-group:single:*"}),
	]}}
	metric_filters.monitored_log_groups == {{"region": "eu-west-1", "name": "org-trail-logs"}} with input as inp
}

test_pattern_terms_normalized if {
	metric_filters.pattern_terms(`{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`) == {
		"$.eventName=ConsoleLogin",
		"$.additionalEventData.MFAUsed!=Yes",
	}
	metric_filters.pattern_terms(`{$.userIdentity.type="Root" && $.userIdentity.invokedBy not  exists}`) == {
		"$.userIdentity.type=Root",
		"$.userIdentity.invokedByNOTEXISTS",
	}
}

test_every_cis_pattern_matches_itself if {
	every name, spec in metric_filters.cis {
		count(metric_filters.required_terms[name]) >= 2
		f := fx.metric_filter("x", "g", spec.pattern)
		metric_filters.filter_matches(f, name)
	}
}

test_every_cis_pattern_matches_without_whitespace if {
	every name, spec in object.remove(metric_filters.cis, ["root_usage"]) {
		f := fx.metric_filter("x", "g", regex.replace(spec.pattern, `\s+`, ""))
		metric_filters.filter_matches(f, name)
	}
	f := fx.metric_filter("x", "g", `{$.userIdentity.type="Root"&&$.userIdentity.invokedBy NOT EXISTS&&$.eventType!="AwsServiceEvent"}`)
	metric_filters.filter_matches(f, "root_usage")
}

test_patterns_are_distinct if {
	# no CIS pattern satisfies another one's check
	cross := {[name, other] |
		some name, spec in metric_filters.cis
		some other, _ in metric_filters.cis
		other != name
		f := fx.metric_filter("x", "g", spec.pattern)
		metric_filters.filter_matches(f, other)
	}
	cross == set()
}

test_filter_with_extra_whitespace_and_quotes_matches if {
	p := `{   ( $.eventName = "CreateTrail" )||($.eventName=UpdateTrail)  ||  ($.eventName = DeleteTrail) ||
		($.eventName = "StartLogging") || ($.eventName = StopLogging) || ($.eventName = PutEventSelectors) }`
	f := fx.metric_filter("x", "g", p)
	metric_filters.filter_matches(f, "cloudtrail_changes")
}

test_filter_missing_a_term_does_not_match if {
	p := `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) }`
	f := fx.metric_filter("x", "g", p)
	not metric_filters.filter_matches(f, "cloudtrail_changes")
}

test_filter_with_inverted_operator_does_not_match if {
	p := `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed = "Yes") }`
	f := fx.metric_filter("x", "g", p)
	not metric_filters.filter_matches(f, "console_signin_no_mfa")
}

test_filter_prefix_of_event_name_does_not_match if {
	# CreateRouteTable must not stand in for CreateRoute
	p := `{ ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }`
	f := fx.metric_filter("x", "g", p)
	not metric_filters.filter_matches(f, "route_table_changes")
}

test_vpc_pattern_without_classiclink_matches if {
	p := `{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) }`
	f := fx.metric_filter("x", "g", p)
	metric_filters.filter_matches(f, "vpc_changes")
}

test_monitoring_gap_none_when_alarmed if {
	not metric_filters.monitoring_gap("root_usage") with input as fx.monitored_input(metric_filters.cis.root_usage.pattern)
}

test_monitoring_gap_no_trail_log_group if {
	inp := json.patch(fx.monitored_input(metric_filters.cis.root_usage.pattern), [{"op": "replace", "path": "/resources/aws_cloudtrail_trail/0/cloudwatch_logs_log_group_arn", "value": null}])
	metric_filters.monitoring_gap("root_usage") == "no CloudWatch alarm watches root account usage: no multi-region, logging trail that records all management events delivers to a CloudWatch Logs group" with input as inp
}

test_monitoring_gap_filter_on_wrong_log_group if {
	inp := json.patch(fx.monitored_input(metric_filters.cis.root_usage.pattern), [{"op": "replace", "path": "/resources/aws_logs_metric_filter/0", "value": fx.metric_filter("cis", "other-group", metric_filters.cis.root_usage.pattern)}])
	metric_filters.monitoring_gap("root_usage") == "no CloudWatch alarm watches root account usage: no metric filter on log group org-trail-logs (eu-west-1) matches the CIS pattern" with input as inp
}

test_monitoring_gap_filter_in_wrong_region if {
	f := object.union(fx.metric_filter("cis", "org-trail-logs", metric_filters.cis.root_usage.pattern), {"region": "us-east-1"})
	inp := json.patch(fx.monitored_input(""), [{"op": "replace", "path": "/resources/aws_logs_metric_filter/0", "value": f}])
	startswith(metric_filters.monitoring_gap("root_usage"), "no CloudWatch alarm watches root account usage: no metric filter on log group") with input as inp
}

test_monitoring_gap_alarm_without_actions if {
	inp := json.patch(fx.monitored_input(metric_filters.cis.root_usage.pattern), [{"op": "replace", "path": "/resources/aws_cloudwatch_alarm/0/alarm_actions", "value": []}])
	metric_filters.monitoring_gap("root_usage") == "no CloudWatch alarm watches root account usage: metric filter cis on org-trail-logs matches the CIS pattern but no alarm with enabled actions is set on its metric" with input as inp
}

test_monitoring_gap_alarm_actions_disabled_or_wrong_metric if {
	disabled := json.patch(fx.monitored_input(metric_filters.cis.root_usage.pattern), [{"op": "replace", "path": "/resources/aws_cloudwatch_alarm/0/actions_enabled", "value": false}])
	metric_filters.monitoring_gap("root_usage") with input as disabled
	wrong_ns := json.patch(fx.monitored_input(metric_filters.cis.root_usage.pattern), [{"op": "replace", "path": "/resources/aws_cloudwatch_alarm/0/namespace", "value": "Other"}])
	metric_filters.monitoring_gap("root_usage") with input as wrong_ns
}

test_monitoring_text_names_the_alarm_and_filter if {
	inp := fx.monitored_input(metric_filters.cis.root_usage.pattern)
	metric_filters.monitoring_text("root_usage") == "CloudWatch alarm cis watches root account usage through metric filter cis on log group org-trail-logs (eu-west-1)" with input as inp
}

test_monitoring_text_counts_further_filters if {
	inp := json.patch(fx.monitored_input(metric_filters.cis.root_usage.pattern), [
		{"op": "add", "path": "/resources/aws_logs_metric_filter/-", "value": fx.metric_filter("zz", "org-trail-logs", metric_filters.cis.root_usage.pattern)},
		{"op": "add", "path": "/resources/aws_cloudwatch_alarm/-", "value": fx.alarm("zz", {})},
	])
	metric_filters.monitoring_text("root_usage") == "CloudWatch alarm cis watches root account usage through metric filter cis on log group org-trail-logs (eu-west-1), and 1 more alarmed filter(s) match the CIS pattern" with input as inp
}

test_monitoring_text_undefined_with_a_gap if {
	inp := json.patch(fx.monitored_input(metric_filters.cis.root_usage.pattern), [{"op": "replace", "path": "/resources/aws_cloudwatch_alarm/0/actions_enabled", "value": false}])
	not metric_filters.monitoring_text("root_usage") with input as inp
}

test_alarm_in_another_region_does_not_watch if {
	inp := json.patch(fx.monitored_input(metric_filters.cis.root_usage.pattern), [{"op": "replace", "path": "/resources/aws_cloudwatch_alarm/0/region", "value": "us-east-1"}])
	startswith(metric_filters.monitoring_gap("root_usage"), "no CloudWatch alarm watches root account usage: metric filter cis on org-trail-logs matches") with input as inp
}
