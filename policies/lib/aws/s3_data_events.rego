# S3 object-level logging (CloudTrail data events on AWS::S3::Object), shared by the S3
# object-read and object-write logging checks (CIS 4.8, 4.9): which buckets' object events of
# each mode ("write" or "read") some logging trail records.
package incloud.lib.aws.s3_data_events

import data.incloud.lib.aws.cloudtrail

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

# read_write_covers(type, mode): a basic selector's read_write_type records events of mode.
read_write_covers("All", _) := true

read_write_covers("WriteOnly", "write") := true

read_write_covers("ReadOnly", "read") := true

# readonly_covers(s, mode): advanced selector s keeps events of mode ("write" or "read").
readonly_covers(s, _) if not cloudtrail.selector_has_field(s, "readOnly")

readonly_covers(s, "write") if cloudtrail.selector_equals(s, "readOnly", "false")

readonly_covers(s, "read") if cloudtrail.selector_equals(s, "readOnly", "true")

readonly_covers(s, "write") if {
	some f in cloudtrail.selector_fields(s, "readOnly")
	"true" in f.not_equals
	not cloudtrail.selector_equals(s, "readOnly", "true")
}

readonly_covers(s, "read") if {
	some f in cloudtrail.selector_fields(s, "readOnly")
	"false" in f.not_equals
	not cloudtrail.selector_equals(s, "readOnly", "false")
}

# arn_restricted(s): advanced selector s keeps only some resources.ARN values.
arn_restricted(s) if {
	some f in cloudtrail.selector_fields(s, "resources.ARN")
	some op in ["equals", "starts_with", "ends_with"]
	some _ in object.get(f, op, [])
}

arn_is_restricted(s) if arn_restricted(s)

else := false

# arn_values(s, op) are the values of s's resources.ARN conditions of operator op.
arn_values(s, op) := [v | some f in cloudtrail.selector_fields(s, "resources.ARN"); some v in object.get(f, op, [])]

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
		cloudtrail.selector_equals(s, "eventCategory", "Data")
		cloudtrail.selector_equals(s, "resources.type", "AWS::S3::Object")
		readonly_covers(s, mode)
		c := arn_conditions(s)
		entry := advanced_entry(scope, c)
	}
} else := set()

advanced_entry(scope, c) := {"scope": scope, "target": ["all"]} if arn_unconditional(c)

else := {"scope": scope, "arn": c}

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

# indexed_records(ix, region, name): the coverage entries that coverage_index arranged in ix record
# every object of the bucket name in region.
indexed_records(ix, _, _) if ix.everywhere

indexed_records(ix, region, _) if region in ix.regions

indexed_records(ix, _, name) if name in ix.names

indexed_records(ix, region, name) if [region, name] in ix.names_in

indexed_records(ix, region, name) if arn_records(ix.arn, region, name)

# arn_records(entries, region, name): some entry of an index's "arn" list (advanced selectors
# with ARN conditions) records every object of the bucket name in region. The bucket checks call
# it after their set look-ups in the index, so that a bucket costs no further helper call.
arn_records(entries, region, name) if {
	some entry in entries
	entry.scope in [["all"], ["region", region]]
	prefix := bucket_object_prefix(name)
	arn_includes_bucket(entry.arn, prefix)
	not arn_excludes_bucket(entry.arn, prefix)
}
