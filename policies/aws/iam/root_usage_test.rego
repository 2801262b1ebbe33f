package incloud.aws.iam.root_usage_test

import data.incloud.aws.iam.root_usage

account(root) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_account": [{
	"id": "arn:aws:iam::111122223333:root",
	"name": "prod",
	"root": root,
}]}}

never := {"password_last_used": null, "access_key_1_last_used": null, "access_key_2_last_used": null}

test_fails_on_recent_password_use if {
	d := root_usage.deny with input as account(object.union(never, {"password_last_used": "2026-05-29T10:00:00Z"}))
	d == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "root user of account prod was used in the last 90 days: password 2 days ago (2026-05-29T10:00:00Z)",
	}}
}

test_fails_on_recent_key_use_listing_each if {
	d := root_usage.deny with input as account({
		"password_last_used": "2025-01-01T00:00:00Z",
		"access_key_1_last_used": "2026-03-04T00:00:00Z",
		"access_key_2_last_used": "2026-05-31T12:00:00Z",
	})
	d == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "root user of account prod was used in the last 90 days: access key 1 89 days ago (2026-03-04T00:00:00Z), access key 2 0 days ago (2026-05-31T12:00:00Z)",
	}}
}

test_passes_when_never_used if {
	count(root_usage.deny) == 0 with input as account(never)
}

test_passes_when_last_used_exactly_90_days_ago if {
	# 2026-03-03 is 90 days before 2026-06-01: not within the last 90 days.
	count(root_usage.deny) == 0 with input as account(object.union(never, {"password_last_used": "2026-03-03T00:00:00Z"}))
}

test_null_root_is_not_a_failure if {
	count(root_usage.deny) == 0 with input as account(null)
}
