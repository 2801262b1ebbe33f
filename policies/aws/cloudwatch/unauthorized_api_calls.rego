# METADATA
# title: Unauthorized API calls are monitored
# description: A CloudWatch Logs metric filter with the CIS pattern for unauthorized API calls exists on the log group of a multi-region, logging CloudTrail trail that records all management events, and a CloudWatch alarm with enabled actions watches its metric.
# scope: package
# custom:
#   id: aws-cloudwatch-unauthorized-api-calls
#   severity: low
#   area: compliance-governance
#   resource_type: aws_account
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["5.1"]
#   remediation: Send a multi-region trail to CloudWatch Logs (`aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <group-arn> --cloud-watch-logs-role-arn <role-arn>`), add the filter with `aws logs put-metric-filter --log-group-name <group> --filter-name unauthorized_api_calls --metric-transformations metricName=unauthorized_api_calls,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }'`, then alarm on it with `aws cloudwatch put-metric-alarm --alarm-name unauthorized_api_calls --metric-name unauthorized_api_calls --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions <sns-topic-arn>` and subscribe the responders to the SNS topic.
#   rationale: AWS records the API calls in CloudTrail, but nobody is told about unauthorized API calls unless the customer delivers the trail to CloudWatch Logs, turns the events into a metric and alarms on it. API calls denied for lack of permission (UnauthorizedOperation, AccessDenied) are frequent in reconnaissance with stolen credentials and in misconfigured automation. Watching the account's activity and responding to it is the customer's monitoring duty under the shared-responsibility model, not the provider's.
#   depends_on: [aws_cloudtrail_trail.is_multi_region, aws_cloudtrail_trail.is_logging, aws_cloudtrail_trail.event_selectors, aws_cloudtrail_trail.advanced_event_selectors, aws_cloudtrail_trail.cloudwatch_logs_log_group_arn, aws_logs_metric_filter.log_group_name, aws_logs_metric_filter.filter_pattern, aws_logs_metric_filter.metric_transformations, aws_cloudwatch_alarm.metric_name, aws_cloudwatch_alarm.namespace, aws_cloudwatch_alarm.actions_enabled, aws_cloudwatch_alarm.alarm_actions]
package incloud.aws.cloudwatch.unauthorized_api_calls

import data.incloud.lib.aws.metric_filters

# The CIS filter pattern for this check is metric_filters.cis.unauthorized_api_calls.
deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	msg := metric_filters.monitoring_gap("unauthorized_api_calls")
}

pass contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	msg := metric_filters.monitoring_text("unauthorized_api_calls")
}
