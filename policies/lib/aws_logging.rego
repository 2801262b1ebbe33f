# AWS audit-logging helpers shared by the CloudTrail, S3 object-logging and CloudWatch checks:
# which trails record what, which CloudWatch Logs groups those trails deliver to, and the CIS
# metric-filter patterns with the matching of customer filters against them.
package incloud.lib.aws.logging

# ---------------------------------------------------------------------------------------------
# Event selectors
# ---------------------------------------------------------------------------------------------

# selector_fields(s, name) is the set of field selectors of advanced selector s on field name.
selector_fields(s, name) := {f | some f in s.field_selectors; f.field == name}

# selector_has_field(s, name) is true when advanced selector s constrains field name.
selector_has_field(s, name) if count(selector_fields(s, name)) > 0

# selector_equals(s, name, value) is true when advanced selector s requires field name to equal value.
selector_equals(s, name, value) if {
	some f in selector_fields(s, name)
	some v in f.equals
	v == value
}

# records_all_management_events(t): t's selectors record every management event, read and write.
# Basic selectors: one with include_management_events and read_write_type All. Advanced
# selectors: one with eventCategory Management and no readOnly field (which would keep only the
# read or only the write events).
records_all_management_events(t) if {
	some s in t.event_selectors
	s.include_management_events == true
	s.read_write_type == "All"
}

records_all_management_events(t) if {
	some s in t.advanced_event_selectors
	selector_equals(s, "eventCategory", "Management")
	not selector_has_field(s, "readOnly")
}

# management_trail(t): t is multi-region, logging, and records all management events.
management_trail(t) if {
	t.is_multi_region == true
	t.is_logging == true
	records_all_management_events(t)
}

# management_trails is the set of trails that satisfy management_trail (CIS 4.1).
management_trails := {t | some t in input.resources.aws_cloudtrail_trail; management_trail(t)}

# trail_shortcomings(t) is the set of reasons why t is not a management trail.
trail_shortcomings(t) := {reason |
	some reason in ["single-region", "not logging", "does not record all read and write management events"]
	shortcoming(t, reason)
}

shortcoming(t, "single-region") if t.is_multi_region != true

shortcoming(t, "not logging") if t.is_logging != true

shortcoming(t, "does not record all read and write management events") if not records_all_management_events(t)

# ---------------------------------------------------------------------------------------------
# S3 object-level (data event) logging
# ---------------------------------------------------------------------------------------------

# bucket_object_prefix(name) is the ARN prefix every object of bucket name starts with.
bucket_object_prefix(name) := sprintf("arn:aws:s3:::%s/", [name])

# The S3 object-logging coverage of a trail is compiled once per trail and mode into "coverage
# entries", so a snapshot's thousands of buckets each cost a few set look-ups instead of a walk
# over every trail's selectors:
#   {"scope": scope, "target": target}: every bucket in scope (["all"] for a multi-region trail,
#     ["region", r] for a single-region trail in r) that target names (["all"], or
#     ["bucket", name]) is covered;
#   {"scope": scope, "arn": arn}: an advanced selector whose resources.ARN conditions must be
#     matched against each bucket's object prefix (arn holds its starts_with, not_starts_with and
#     not_equals values and whether it restricts the ARN at all).

# trail_scope(t) is the scope of buckets whose region t receives events from.
trail_scope(t) := ["all"] if t.is_multi_region == true
else := ["region", t.home_region]

# basic_targets(v) are the targets of basic data_resources value v: CloudTrail reads such a value
# as bucket plus object prefix, so "arn:aws:s3" and "arn:aws:s3:::" (all buckets) and a bucket's
# own ARN with or without "/" count; "arn:aws:s3:::<b>/logs/" does not (it names no bucket).
basic_targets(v) := {["all"]} if v in {"arn:aws:s3", "arn:aws:s3:::"}

else := {["bucket", rest], ["bucket", trim_suffix(rest, "/")]} if {
	startswith(v, "arn:aws:s3:::")
	rest := substring(v, count("arn:aws:s3:::"), -1)
	endswith(rest, "/")
} else := {["bucket", substring(v, count("arn:aws:s3:::"), -1)]} if startswith(v, "arn:aws:s3:::")

# basic_value_covers(v, name): a basic data_resources value v selects every object of bucket name.
basic_value_covers(v, name) if ["bucket", name] in basic_targets(v)

basic_value_covers(v, _) if ["all"] in basic_targets(v)

# read_write_covers(type, mode): a basic selector's read_write_type records events of mode.
read_write_covers("All", _) := true

read_write_covers("WriteOnly", "write") := true

read_write_covers("ReadOnly", "read") := true

# readonly_covers(s, mode): advanced selector s keeps events of mode ("write" or "read").
readonly_covers(s, _) if not selector_has_field(s, "readOnly")

readonly_covers(s, "write") if selector_equals(s, "readOnly", "false")

readonly_covers(s, "read") if selector_equals(s, "readOnly", "true")

readonly_covers(s, "write") if {
	some f in selector_fields(s, "readOnly")
	"true" in f.not_equals
	not selector_equals(s, "readOnly", "true")
}

readonly_covers(s, "read") if {
	some f in selector_fields(s, "readOnly")
	"false" in f.not_equals
	not selector_equals(s, "readOnly", "false")
}

# arn_restricted(s): advanced selector s keeps only some resources.ARN values.
arn_restricted(s) if {
	some f in selector_fields(s, "resources.ARN")
	some op in ["equals", "starts_with", "ends_with"]
	some _ in object.get(f, op, [])
}

arn_is_restricted(s) if arn_restricted(s)

else := false

# arn_values(s, op) are the values of s's resources.ARN conditions of operator op.
arn_values(s, op) := [v | some f in selector_fields(s, "resources.ARN"); some v in object.get(f, op, [])]

# arn_conditions(s) summarizes s's resources.ARN conditions for matching against buckets;
# undefined when a not_ends_with condition drops some object of every bucket.
arn_conditions(s) := {
	"restricted": arn_is_restricted(s),
	"starts_with": arn_values(s, "starts_with"),
	"not_starts_with": arn_values(s, "not_starts_with"),
	"not_equals": arn_values(s, "not_equals"),
} if {
	count(arn_values(s, "not_ends_with")) == 0
}

# arn_unconditional(c): ARN conditions c let every object of every bucket through.
arn_unconditional(c) if {
	c.restricted == false
	count(c.not_starts_with) == 0
	count(c.not_equals) == 0
}

# arn_includes_bucket(c, prefix): the positive ARN conditions c let every object under prefix through.
arn_includes_bucket(c, _) if c.restricted == false

arn_includes_bucket(c, prefix) if {
	some v in c.starts_with
	startswith(prefix, v)
}

# arn_excludes_bucket(c, prefix): the negative ARN conditions c drop some object under prefix.
arn_excludes_bucket(c, prefix) if {
	some v in c.not_starts_with
	prefixes_overlap(v, prefix)
}

arn_excludes_bucket(c, prefix) if {
	some v in c.not_equals
	startswith(v, prefix)
}

prefixes_overlap(a, b) if startswith(a, b)

prefixes_overlap(a, b) if startswith(b, a)

# trail_s3_coverage(t, mode) is the set of coverage entries (see above) of trail t for the S3
# object events of mode; empty when t is not logging.
trail_s3_coverage(t, mode) := basic | advanced if {
	t.is_logging == true
	scope := trail_scope(t)
	basic := {{"scope": scope, "target": target} |
		some s in t.event_selectors
		read_write_covers(s.read_write_type, mode)
		some d in s.data_resources
		d.type == "AWS::S3::Object"
		some v in d.values
		some target in basic_targets(v)
	}
	advanced := {entry |
		some s in t.advanced_event_selectors
		selector_equals(s, "eventCategory", "Data")
		selector_equals(s, "resources.type", "AWS::S3::Object")
		readonly_covers(s, mode)
		c := arn_conditions(s)
		entry := advanced_entry(scope, c)
	}
} else := set()

advanced_entry(scope, c) := {"scope": scope, "target": ["all"]} if arn_unconditional(c)

else := {"scope": scope, "arn": c}

# coverage_records(coverage, region, name): the coverage entries record every object of the
# bucket name in region. (It takes the bucket's region and name, not the bucket: it runs for
# every bucket, and a small argument list keeps each call cheap.)
coverage_records(coverage, region, name) if {
	some scope in [["all"], ["region", region]]
	some target in [["all"], ["bucket", name]]
	{"scope": scope, "target": target} in coverage
}

coverage_records(coverage, region, name) if {
	some entry in coverage
	entry.arn
	entry.scope in [["all"], ["region", region]]
	prefix := bucket_object_prefix(name)
	arn_includes_bucket(entry.arn, prefix)
	not arn_excludes_bucket(entry.arn, prefix)
}

# records_s3_object_events(t, bucket, mode): trail t is logging and records the S3 data events of
# mode ("write" or "read") for every object of bucket (an aws_s3_bucket resource).
records_s3_object_events(t, bucket, mode) if coverage_records(trail_s3_coverage(t, mode), bucket.region, bucket.name)

# s3_write_coverage and s3_read_coverage are the unions of the coverage entries of every trail of
# the snapshot for each mode: complete rules, so OPA computes them once per snapshot, not per bucket.
s3_write_coverage := {entry |
	some t in input.resources.aws_cloudtrail_trail
	some entry in trail_s3_coverage(t, "write")
}

s3_read_coverage := {entry |
	some t in input.resources.aws_cloudtrail_trail
	some entry in trail_s3_coverage(t, "read")
}

# s3_object_events_recorded(bucket, mode): some trail records bucket's object events of mode.
s3_object_events_recorded(bucket, mode) if s3_object_logged(mode, bucket.region, bucket.name)

# s3_object_logged(mode, region, name): some trail records the object events of mode of the
# bucket name in region.
s3_object_logged("write", region, name) if indexed_records(s3_write_index, region, name)

s3_object_logged("read", region, name) if indexed_records(s3_read_index, region, name)

# s3_object_logged_everywhere(mode): some trail records the object events of mode of every bucket
# in every region, so no bucket needs looking at.
s3_object_logged_everywhere("write") if s3_write_index.everywhere

s3_object_logged_everywhere("read") if s3_read_index.everywhere

# s3_write_index and s3_read_index arrange the snapshot's coverage entries for look-ups by bucket
# (complete rules: computed once per snapshot), so each bucket costs a few set look-ups.
s3_write_index := coverage_index(s3_write_coverage)

s3_read_index := coverage_index(s3_read_coverage)

coverage_index(coverage) := {
	"everywhere": covers_everything(coverage),
	"regions": {r | some e in coverage; e.target == ["all"]; e.scope[0] == "region"; r := e.scope[1]},
	"names": {n | some e in coverage; e.scope == ["all"]; e.target[0] == "bucket"; n := e.target[1]},
	"names_in": {[r, n] | some e in coverage; e.scope[0] == "region"; e.target[0] == "bucket"; r := e.scope[1]; n := e.target[1]},
	"arn": [e | some e in coverage; e.arn],
}

covers_everything(coverage) := true if {"scope": ["all"], "target": ["all"]} in coverage
else := false

# indexed_records(ix, region, name): the same answer as coverage_records over the entries that
# coverage_index(ix) arranged.
indexed_records(ix, _, _) if ix.everywhere

indexed_records(ix, region, _) if region in ix.regions

indexed_records(ix, _, name) if name in ix.names

indexed_records(ix, region, name) if [region, name] in ix.names_in

indexed_records(ix, region, name) if {
	some entry in ix.arn
	entry.scope in [["all"], ["region", region]]
	prefix := bucket_object_prefix(name)
	arn_includes_bucket(entry.arn, prefix)
	not arn_excludes_bucket(entry.arn, prefix)
}

# ---------------------------------------------------------------------------------------------
# CloudWatch Logs groups of trails
# ---------------------------------------------------------------------------------------------

# log_group(t) is {"region", "name"} of the CloudWatch Logs group trail t delivers to, parsed from
# cloudwatch_logs_log_group_arn (arn:aws:logs:<r>:<acct>:log-group:<name>:*). Undefined when none.
log_group(t) := {"region": parts[3], "name": parts[6]} if {
	is_string(t.cloudwatch_logs_log_group_arn)
	parts := split(t.cloudwatch_logs_log_group_arn, ":")
	count(parts) >= 7
	parts[0] == "arn"
	parts[2] == "logs"
	parts[5] == "log-group"
	parts[6] != ""
}

# monitored_log_groups is the set of log groups of management trails (multi-region, logging,
# recording all management events): the only groups where CIS metric filters count.
monitored_log_groups := {log_group(t) | some t in management_trails}

# ---------------------------------------------------------------------------------------------
# CIS metric-filter patterns (CIS AWS Foundations v6.0.0 5.1 to 5.15, unchanged since v3.0.0)
# ---------------------------------------------------------------------------------------------

# cis_metric_filters maps a check name to the CIS control, a phrase for messages ("watches"),
# the CIS filter pattern, and the pattern's terms a filter may leave out ("optional": events
# AWS no longer emits, such as the EC2-Classic ClassicLink calls retired in 2022).
cis_metric_filters := {
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

# required_terms[name] is the set of terms a filter must contain to match CIS check name.
required_terms[name] := pattern_terms(spec.pattern) - {normalize_term(o) | some o in spec.optional} if {
	some name, spec in cis_metric_filters
}

# filter_terms[id] is the set of terms of the metric filter with that id (computed once).
filter_terms[f.id] := pattern_terms(f.filter_pattern) if {
	some f in input.resources.aws_logs_metric_filter
}

# filter_matches(f, name): metric filter f's pattern contains every required term of CIS check
# name, whatever its whitespace and quoting. Extra terms (a narrower or wider filter) are allowed.
filter_matches(f, name) if {
	count(required_terms[name] - filter_terms[f.id]) == 0
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

# alarmed_filters(name) is the subset of matching_filters(name) that an actionable alarm watches.
alarmed_filters(name) := {f |
	some f in matching_filters(name)
	some a in input.resources.aws_cloudwatch_alarm
	alarm_watches(a, f)
}

log_group_text(g) := sprintf("%s (%s)", [g.name, g.region])

# monitoring_gap(name) is a message saying why CIS check name is not met, undefined when it is.
monitoring_gap(name) := msg if {
	count(monitored_log_groups) == 0
	msg := sprintf(
		"no CloudWatch alarm watches %s: no multi-region, logging trail that records all management events delivers to a CloudWatch Logs group",
		[cis_metric_filters[name].watches],
	)
} else := msg if {
	count(matching_filters(name)) == 0
	groups := concat(", ", sort([log_group_text(g) | some g in monitored_log_groups]))
	msg := sprintf(
		"no CloudWatch alarm watches %s: no metric filter on log group %s matches the CIS pattern",
		[cis_metric_filters[name].watches, groups],
	)
} else := msg if {
	count(alarmed_filters(name)) == 0
	filters := concat(", ", sort([sprintf("%s on %s", [f.name, f.log_group_name]) | some f in matching_filters(name)]))
	msg := sprintf(
		"no CloudWatch alarm watches %s: metric filter %s matches the CIS pattern but no alarm with enabled actions is set on its metric",
		[cis_metric_filters[name].watches, filters],
	)
}
