# CloudTrail trail assessment, shared by the CloudTrail checks and the libraries built on trails
# (s3_data_events, metric_filters): what a trail's event selectors record, which trails are
# management trails (CIS 4.1) and why the others are not, and the CloudWatch Logs group a trail
# delivers to.
package incloud.lib.aws.cloudtrail

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
# CloudWatch Logs group of a trail
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
