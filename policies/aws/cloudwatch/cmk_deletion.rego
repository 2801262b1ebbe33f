# METADATA
# title: Disabling or deleting customer-managed KMS keys is monitored
# description: A CloudWatch Logs metric filter with the CIS pattern for disabling or scheduled deletion of customer-managed KMS keys exists on the log group of a multi-region, logging CloudTrail trail that records all management events, and a CloudWatch alarm with enabled actions watches its metric.
# scope: package
# custom:
#   id: aws-cloudwatch-cmk-deletion
#   severity: low
#   area: compliance-governance
#   resource_type: aws_account
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["5.7"]
#   remediation: Send a multi-region trail to CloudWatch Logs (`aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <group-arn> --cloud-watch-logs-role-arn <role-arn>`), add the filter with `aws logs put-metric-filter --log-group-name <group> --filter-name cmk_deletion --metric-transformations metricName=cmk_deletion,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }'`, then alarm on it with `aws cloudwatch put-metric-alarm --alarm-name cmk_deletion --metric-name cmk_deletion --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions <sns-topic-arn>` and subscribe the responders to the SNS topic.
#   rationale: AWS records the API calls in CloudTrail, but nobody is told about disabling or scheduled deletion of customer-managed KMS keys unless the customer delivers the trail to CloudWatch Logs, turns the events into a metric and alarms on it. Data encrypted under a disabled or deleted key becomes unreadable, so disabling a key or scheduling its deletion can destroy data and must be caught within the waiting period. Watching the account's activity and responding to it is the customer's monitoring duty under the shared-responsibility model, not the provider's.
#   depends_on: [aws_cloudtrail_trail.is_multi_region, aws_cloudtrail_trail.is_logging, aws_cloudtrail_trail.event_selectors, aws_cloudtrail_trail.advanced_event_selectors, aws_cloudtrail_trail.cloudwatch_logs_log_group_arn, aws_logs_metric_filter.log_group_name, aws_logs_metric_filter.filter_pattern, aws_logs_metric_filter.metric_transformations, aws_cloudwatch_alarm.metric_name, aws_cloudwatch_alarm.namespace, aws_cloudwatch_alarm.actions_enabled, aws_cloudwatch_alarm.alarm_actions]
package incloud.aws.cloudwatch.cmk_deletion

import data.incloud.lib.aws.metric_filters

# The CIS filter pattern for this check is metric_filters.cis.cmk_deletion.
deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	msg := metric_filters.monitoring_gap("cmk_deletion")
}

pass contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	msg := metric_filters.monitoring_text("cmk_deletion")
}
