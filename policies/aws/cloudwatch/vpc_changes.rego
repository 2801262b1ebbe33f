# METADATA
# title: VPC changes are monitored
# description: A CloudWatch Logs metric filter with the CIS pattern for VPC changes exists on the log group of a multi-region, logging CloudTrail trail that records all management events, and a CloudWatch alarm with enabled actions watches its metric.
# scope: package
# custom:
#   id: aws-cloudwatch-vpc-changes
#   severity: low
#   area: compliance-governance
#   resource_type: aws_account
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["5.14"]
#   remediation: Send a multi-region trail to CloudWatch Logs (`aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <group-arn> --cloud-watch-logs-role-arn <role-arn>`), add the filter with `aws logs put-metric-filter --log-group-name <group> --filter-name vpc_changes --metric-transformations metricName=vpc_changes,metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }'`, then alarm on it with `aws cloudwatch put-metric-alarm --alarm-name vpc_changes --metric-name vpc_changes --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions <sns-topic-arn>` and subscribe the responders to the SNS topic.
#   rationale: AWS records the API calls in CloudTrail, but nobody is told about VPC changes unless the customer delivers the trail to CloudWatch Logs, turns the events into a metric and alarms on it. New VPCs, changed VPC attributes and peering connections change which networks can talk to each other. Watching the account's activity and responding to it is the customer's monitoring duty under the shared-responsibility model, not the provider's.
#   depends_on: [aws_cloudtrail_trail.is_multi_region, aws_cloudtrail_trail.is_logging, aws_cloudtrail_trail.event_selectors, aws_cloudtrail_trail.advanced_event_selectors, aws_cloudtrail_trail.cloudwatch_logs_log_group_arn, aws_logs_metric_filter.log_group_name, aws_logs_metric_filter.filter_pattern, aws_logs_metric_filter.metric_transformations, aws_cloudwatch_alarm.metric_name, aws_cloudwatch_alarm.namespace, aws_cloudwatch_alarm.actions_enabled, aws_cloudwatch_alarm.alarm_actions]
package incloud.aws.cloudwatch.vpc_changes

import data.incloud.lib.aws.metric_filters

# The CIS filter pattern for this check is metric_filters.cis.vpc_changes.
deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	msg := metric_filters.monitoring_gap("vpc_changes")
}

pass contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	msg := metric_filters.monitoring_text("vpc_changes")
}
