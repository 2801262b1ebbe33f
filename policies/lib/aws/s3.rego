# S3 helpers for AWS checks: Block Public Access settings and bucket-policy statements.
package incloud.lib.aws.s3

# The four S3 Block Public Access settings, in the order AWS lists them.
pab_settings := ["block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"]

# setting_on(pab, name) is true when the public access block pab (bucket's or account's, null when
# not configured) has the setting name switched on.
setting_on(pab, name) if pab[name] == true

# pab_all(pab) is true when pab is configured with all four settings on.
pab_all(pab) if {
	is_object(pab)
	every name in pab_settings {
		setting_on(pab, name)
	}
}

# pab_off(pab) lists the settings that are not on (all four when pab is null).
pab_off(pab) := [name | some name in pab_settings; not setting_on(pab, name)]

# describe_pab(owner, pab) says, for a message, what is missing in a public access block:
# "the bucket has no public access block" or "the account leaves block_public_policy off".
describe_pab(owner, pab) := sprintf("%s has no public access block", [owner]) if not is_object(pab)

describe_pab(owner, pab) := sprintf("%s leaves %s off", [owner, concat(", ", pab_off(pab))]) if {
	is_object(pab)
	count(pab_off(pab)) > 0
}

describe_pab(owner, pab) := sprintf("%s has all four settings on", [owner]) if pab_all(pab)

# as_array(x): policy fields that may be one value or a list of values, as a list.
as_array(x) := x if is_array(x)

as_array(x) := [x] if not is_array(x)

# statements(policy) is the Statement list of a policy document (a single statement object is
# allowed by the policy grammar); empty for a null policy.
statements(policy) := [s | some s in as_array(policy.Statement); is_object(s)] if is_object(policy)

statements(policy) := [] if not is_object(policy)

# principal_everyone(p) is true for a Principal that names everyone: "*", {"AWS": "*"}, {"AWS": ["*"]}.
principal_everyone(p) if p == "*"

principal_everyone(p) if {
	is_object(p)
	"*" in as_array(p.AWS)
}

# action_all_s3(stmt) is true when the statement's Action includes every S3 action ("s3:*" or "*").
action_all_s3(stmt) if {
	some a in as_array(stmt.Action)
	is_string(a)
	lower(a) in {"*", "s3:*"}
}

# arn_matches(pattern, arn): IAM wildcard matching, where "*" matches any characters (dots and
# slashes included: glob.match gets no delimiters) and "?" one. The common patterns (no wildcard,
# or a prefix ending in a single "*") are decided with string tests; the rest go through glob.match.
arn_matches(pattern, arn) if pattern == arn

arn_matches(pattern, arn) if {
	prefix_pattern(pattern)
	startswith(arn, trim_suffix(pattern, "*"))
}

arn_matches(pattern, arn) if {
	regex.match(`[*?]`, pattern)
	not prefix_pattern(pattern)
	glob.match(escape_glob(pattern), [], arn)
}

prefix_pattern(pattern) if {
	endswith(pattern, "*")
	prefix := trim_suffix(pattern, "*")
	not contains(prefix, "*")
	not contains(prefix, "?")
}

escape_glob(p) := strings.replace_n({"\\": "\\\\", "[": "\\[", "]": "\\]", "{": "\\{", "}": "\\}"}, p)

# is_false(v): a condition value meaning false: false, "false" (any case).
is_false(v) if v == false

is_false(v) if {
	is_string(v)
	lower(v) == "false"
}

# only_insecure_transport_condition(stmt) is true when the statement's only condition is
# Bool (or BoolIfExists) aws:SecureTransport with a value false, so that it matches every plain-HTTP
# request (values of one key are ORed: ["false", "true"] matches HTTP too). Any further condition
# narrows the statement to some requests only.
only_insecure_transport_condition(stmt) if {
	is_object(stmt.Condition)
	count(stmt.Condition) == 1
	some op, conds in stmt.Condition
	op in {"Bool", "BoolIfExists"}
	is_object(conds)
	count(conds) == 1
	some key, val in conds
	lower(key) == "aws:securetransport"
	some v in as_array(val)
	is_false(v)
}

# denies_insecure_transport(policy, bucket_arn) is true when the bucket policy has a statement
# that denies every S3 action on the bucket's objects to everyone over plain HTTP.
denies_insecure_transport(policy, bucket_arn) if {
	some pattern in insecure_transport_deny_patterns(policy)
	arn_matches(pattern, concat("", [bucket_arn, "/any-object-key"]))
}

# insecure_transport_deny_patterns(policy) is the Resource patterns of the
# statements of policy that deny every S3 action to everyone over plain HTTP. It depends on the
# policy alone, so that buckets with the same policy share one evaluation (OPA caches function
# values per argument), and the per-bucket work is one glob match per pattern.
insecure_transport_deny_patterns(policy) := [r |
	some stmt in statements(policy)
	stmt.Effect == "Deny"
	principal_everyone(stmt.Principal)
	action_all_s3(stmt)
	only_insecure_transport_condition(stmt)
	some r in as_array(stmt.Resource)
	is_string(r)
]
