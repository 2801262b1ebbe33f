# CIS metric filters and alarms (CIS AWS Foundations v6.0.0 5.1 to 5.15, unchanged since
# v3.0.0), shared by the CloudWatch monitoring checks: the CIS filter patterns, the matching of
# customer filters against them, the log groups where a filter counts (those of management
# trails) and the alarms on a filter's metric.
package incloud.lib.aws.metric_filters

import data.incloud.lib.aws.cloudtrail

# monitored_log_groups is the set of log groups of management trails (multi-region, logging,
# recording all management events): the only groups where CIS metric filters count.
monitored_log_groups := {cloudtrail.log_group(t) | some t in cloudtrail.management_trails}

# cis maps a check name to the CIS control, a phrase for messages ("watches"),
# the CIS filter pattern, and the pattern's terms a filter may leave out ("optional": events
# AWS no longer emits, such as the EC2-Classic ClassicLink calls retired in 2022).
cis := {
	"unauthorized_api_calls": {
		"control": "5.1",
		"watches": "unauthorized API calls",
		"pattern": `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }`,
		"optional": [],
	},
	"console_signin_no_mfa": {
		"control": "5.2",
		"watches": "console sign-in without MFA",
		"pattern": `{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }`,
		"optional": [],
	},
	"root_usage": {
		"control": "5.3",
		"watches": "root account usage",
		"pattern": `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`,
		"optional": [],
	},
	"iam_policy_changes": {
		"control": "5.4",
		"watches": "IAM policy changes",
		"pattern": `{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}`,
		"optional": [],
	},
	"cloudtrail_changes": {
		"control": "5.5",
		"watches": "CloudTrail configuration changes",
		"pattern": `{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }`,
		"optional": [],
	},
	"console_auth_failures": {
		"control": "5.6",
		"watches": "console authentication failures",
		"pattern": `{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }`,
		"optional": [],
	},
	"cmk_deletion": {
		"control": "5.7",
		"watches": "disabling or scheduled deletion of customer-managed KMS keys",
		"pattern": `{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }`,
		"optional": [],
	},
	"s3_policy_changes": {
		"control": "5.8",
		"watches": "S3 bucket policy changes",
		"pattern": `{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }`,
		"optional": [],
	},
	"config_changes": {
		"control": "5.9",
		"watches": "AWS Config configuration changes",
		"pattern": `{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }`,
		"optional": [],
	},
	"security_group_changes": {
		"control": "5.10",
		"watches": "security group changes",
		"pattern": `{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }`,
		"optional": [],
	},
	"nacl_changes": {
		"control": "5.11",
		"watches": "network ACL changes",
		"pattern": `{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }`,
		"optional": [],
	},
	"network_gateway_changes": {
		"control": "5.12",
		"watches": "network gateway changes",
		"pattern": `{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }`,
		"optional": [],
	},
	"route_table_changes": {
		"control": "5.13",
		"watches": "route table changes",
		"pattern": `{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }`,
		"optional": [],
	},
	"vpc_changes": {
		"control": "5.14",
		"watches": "VPC changes",
		"pattern": `{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }`,
		"optional": [
			"$.eventName = AttachClassicLinkVpc", "$.eventName = DetachClassicLinkVpc",
			"$.eventName = DisableVpcClassicLink", "$.eventName = EnableVpcClassicLink",
		],
	},
	"organizations_changes": {
		"control": "5.15",
		"watches": "AWS Organizations changes",
		"pattern": `{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }`,
		"optional": [],
	},
}

# A filter-pattern term: `$.field = value`, `$.field != value` (value quoted or bare), or
# `$.field NOT EXISTS`.
term_regex := `\$\.[A-Za-z0-9_.\-\[\]]+\s*!?=\s*("[^"]*"|[^\s()&|}]+)|\$\.[A-Za-z0-9_.\-\[\]]+\s+(?i:NOT\s+EXISTS)`

# normalize_term(t) drops whitespace and double quotes, so `$.eventName = "X"` == `$.eventName=X`.
normalize_term(t) := regex.replace(replace(regex.replace(t, `\s+`, ""), `"`, ""), `(?i)NOTEXISTS$`, "NOTEXISTS")

# pattern_terms(p) is the set of normalized terms of filter pattern p.
pattern_terms(p) := {normalize_term(m) | some m in regex.find_n(term_regex, p, -1)}

# Cost: every rule below is linear in the number of filters and alarms, whatever their names.
# Look-ups go through complete rules (computed once per evaluation) or functions of one value
# (cached per argument, so filters with the same pattern share one parse); a partial rule keyed
# by a resource attribute (filter_terms[f.id]) or a filter x alarm join would be evaluated once
# per filter and made the CloudWatch checks quadratic in the number of copies of a filter.

# required_terms maps each CIS check name to the set of terms a filter must contain to match it.
required_terms := {name: terms |
	some name, spec in cis
	terms := pattern_terms(spec.pattern) - {normalize_term(o) | some o in spec.optional}
}

# filter_matches(f, name): metric filter f's pattern contains every required term of CIS check
# name, whatever its whitespace and quoting. Extra terms (a narrower or wider filter) are allowed.
filter_matches(f, name) if {
	count(required_terms[name] - pattern_terms(f.filter_pattern)) == 0
}

# on_monitored_group(f): metric filter f is on the log group of a management trail.
on_monitored_group(f) if {
	{"region": f.region, "name": f.log_group_name} in monitored_log_groups
}

# matching_filters(name) is the set of metric filters on a monitored log group that match name.
matching_filters(name) := {f |
	some f in input.resources.aws_logs_metric_filter
	on_monitored_group(f)
	filter_matches(f, name)
}

# alarm_watches(a, f): alarm a is on a metric of filter f (same region, name and namespace), its
# actions are enabled and it has at least one alarm action.
alarm_watches(a, f) if {
	a.region == f.region
	some m in f.metric_transformations
	a.metric_name == m.metric_name
	a.namespace == m.metric_namespace
	a.actions_enabled == true
	some _ in a.alarm_actions
}

# alarmed_metrics is the set of [region, namespace, metric name] of the metrics that an alarm with
# enabled actions and at least one alarm action watches.
alarmed_metrics := {[a.region, a.namespace, a.metric_name] |
	some a in input.resources.aws_cloudwatch_alarm
	a.actions_enabled == true
	some _ in a.alarm_actions
}

# alarmed(f): some alarm watches a metric of filter f (alarm_watches(a, f) for some alarm a).
alarmed(f) if {
	some m in f.metric_transformations
	[f.region, m.metric_namespace, m.metric_name] in alarmed_metrics
}

# alarmed_filters(name) is the subset of matching_filters(name) that an actionable alarm watches.
alarmed_filters(name) := {f |
	some f in matching_filters(name)
	alarmed(f)
}

log_group_text(g) := sprintf("%s (%s)", [g.name, g.region])

# monitoring_gap(name) is a message saying why CIS check name is not met, undefined when it is.
monitoring_gap(name) := msg if {
	count(monitored_log_groups) == 0
	msg := sprintf(
		"no CloudWatch alarm watches %s: no multi-region, logging trail that records all management events delivers to a CloudWatch Logs group",
		[cis[name].watches],
	)
} else := msg if {
	count(matching_filters(name)) == 0
	groups := concat(", ", sort([log_group_text(g) | some g in monitored_log_groups]))
	msg := sprintf(
		"no CloudWatch alarm watches %s: no metric filter on log group %s matches the CIS pattern",
		[cis[name].watches, groups],
	)
} else := msg if {
	count(alarmed_filters(name)) == 0
	filters := concat(", ", sort([sprintf("%s on %s", [f.name, f.log_group_name]) | some f in matching_filters(name)]))
	msg := sprintf(
		"no CloudWatch alarm watches %s: metric filter %s matches the CIS pattern but no alarm with enabled actions is set on its metric",
		[cis[name].watches, filters],
	)
}

# monitoring_text(name) is a pass message saying which alarm and metric filter watch CIS check
# name, undefined when none does. It names one filter (the first by log group, name and id) and
# its alarms, and counts the others, so that its length does not grow with the snapshot.
monitoring_text(name) := msg if {
	not monitoring_gap(name)
	alarmed := alarmed_filters(name)
	first_key := min({filter_key(f) | some f in alarmed})
	some f in alarmed
	filter_key(f) == first_key
	alarms := sort({a.name | some a in input.resources.aws_cloudwatch_alarm; alarm_watches(a, f)})
	msg := sprintf("CloudWatch alarm %s watches %s through metric filter %s on log group %s (%s)%s", [
		concat(", ", alarms), cis[name].watches, f.name, f.log_group_name, f.region,
		more_filters(count(alarmed) - 1),
	])
}

filter_key(f) := [f.region, f.log_group_name, f.name, f.id]

more_filters(0) := ""

more_filters(n) := sprintf(", and %d more alarmed filter(s) match the CIS pattern", [n]) if n > 0
