package incloud.aws.cloudwatch.iam_policy_changes_test

import data.incloud.aws.cloudwatch.iam_policy_changes
import data.incloud.lib.aws.fixtures_test as fx

cis_pattern := `{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}`

fails_with(inp, reason) if {
	iam_policy_changes.deny == {{
		"resource_id": fx.account.id,
		"message": concat("", ["no CloudWatch alarm watches IAM policy changes: ", reason]),
	}} with input as inp
}

test_passes_with_cis_filter_and_alarm if {
	count(iam_policy_changes.deny) == 0 with input as fx.monitored_input(cis_pattern)
}

test_passes_with_reformatted_filter if {
	spaced := replace(replace(cis_pattern, "(", "(  "), "&&", "\n\t&&  ")
	count(iam_policy_changes.deny) == 0 with input as fx.monitored_input(spaced)
}

test_fails_without_metric_filter if {
	inp := json.patch(fx.monitored_input(cis_pattern), [{"op": "replace", "path": "/resources/aws_logs_metric_filter", "value": []}])
	fails_with(inp, "no metric filter on log group org-trail-logs (eu-west-1) matches the CIS pattern")
}

test_fails_with_incomplete_filter if {
	# the first term of the CIS pattern left out
	terms := regex.find_n(`\(?\$\.[^()&|}]+\)?`, cis_pattern, -1)
	partial := concat(" || ", array.slice(terms, 1, count(terms)))
	inp := fx.monitored_input(sprintf("{ %s }", [partial]))
	fails_with(inp, "no metric filter on log group org-trail-logs (eu-west-1) matches the CIS pattern")
}

test_fails_with_filter_on_wrong_log_group if {
	inp := json.patch(fx.monitored_input(cis_pattern), [{"op": "replace", "path": "/resources/aws_logs_metric_filter/0", "value": fx.metric_filter("cis", "app-logs", cis_pattern)}])
	fails_with(inp, "no metric filter on log group org-trail-logs (eu-west-1) matches the CIS pattern")
}

test_fails_with_single_region_trail_only if {
	inp := json.patch(fx.monitored_input(cis_pattern), [{"op": "replace", "path": "/resources/aws_cloudtrail_trail/0/is_multi_region", "value": false}])
	fails_with(inp, "no multi-region, logging trail that records all management events delivers to a CloudWatch Logs group")
}

test_fails_when_trail_not_logging if {
	inp := json.patch(fx.monitored_input(cis_pattern), [{"op": "replace", "path": "/resources/aws_cloudtrail_trail/0/is_logging", "value": false}])
	fails_with(inp, "no multi-region, logging trail that records all management events delivers to a CloudWatch Logs group")
}

test_fails_with_alarm_without_actions if {
	inp := json.patch(fx.monitored_input(cis_pattern), [{"op": "replace", "path": "/resources/aws_cloudwatch_alarm/0/alarm_actions", "value": []}])
	fails_with(inp, "metric filter cis on org-trail-logs matches the CIS pattern but no alarm with enabled actions is set on its metric")
}

test_fails_with_alarm_on_other_metric if {
	inp := json.patch(fx.monitored_input(cis_pattern), [{"op": "replace", "path": "/resources/aws_cloudwatch_alarm/0/metric_name", "value": "other"}])
	fails_with(inp, "metric filter cis on org-trail-logs matches the CIS pattern but no alarm with enabled actions is set on its metric")
}
