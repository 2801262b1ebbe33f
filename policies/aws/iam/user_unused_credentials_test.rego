package incloud.aws.iam.user_unused_credentials_test

import data.incloud.aws.iam.user_unused_credentials

snapshot(users) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_iam_user": users}}

# 2026-04-17 is exactly 45 days before 2026-06-01, 2026-04-18 is 44.
user(name, attrs) := object.union(
	{
		"id": sprintf("arn:aws:iam::111122223333:user/%s", [name]),
		"name": name,
		"create_date": "2025-01-01T00:00:00Z",
		"password_enabled": false,
		"password_last_used": null,
		"password_last_changed": null,
		"access_keys": [],
	},
	attrs,
)

key(id, status, created, last_used) := {
	"access_key_id": id,
	"status": status,
	"create_date": created,
	"last_used_date": last_used,
}

test_fails_password_unused_45_days if {
	d := user_unused_credentials.deny with input as snapshot([user("alice", {
		"password_enabled": true,
		"password_last_used": "2026-04-17T00:00:00Z",
		"password_last_changed": "2025-02-01T00:00:00Z",
	})])
	d == {{
		"resource_id": "arn:aws:iam::111122223333:user/alice",
		"message": "IAM user alice has credentials unused for 45 days or more: console password last used 45 days ago (2026-04-17T00:00:00Z)",
	}}
}

test_passes_password_used_44_days_ago if {
	count(user_unused_credentials.deny) == 0 with input as snapshot([user("alice", {
		"password_enabled": true,
		"password_last_used": "2026-04-18T00:00:00Z",
	})])
}

test_fails_password_never_used_counts_from_last_set if {
	d := user_unused_credentials.deny with input as snapshot([user("bob", {
		"password_enabled": true,
		"password_last_changed": "2026-03-01T00:00:00Z",
	})])
	d == {{
		"resource_id": "arn:aws:iam::111122223333:user/bob",
		"message": "IAM user bob has credentials unused for 45 days or more: console password never used, set 92 days ago (2026-03-01T00:00:00Z)",
	}}
}

test_passes_password_never_used_but_recently_set if {
	count(user_unused_credentials.deny) == 0 with input as snapshot([user("bob", {
		"password_enabled": true,
		"password_last_changed": "2026-05-20T00:00:00Z",
	})])
}

test_fails_password_never_used_nor_set_counts_from_user_creation if {
	d := user_unused_credentials.deny with input as snapshot([user("carol", {"password_enabled": true})])
	d == {{
		"resource_id": "arn:aws:iam::111122223333:user/carol",
		"message": "IAM user carol has credentials unused for 45 days or more: console password never used, set 516 days ago (2025-01-01T00:00:00Z)",
	}}
}

test_disabled_password_ignored if {
	count(user_unused_credentials.deny) == 0 with input as snapshot([user("ci", {
		"password_enabled": false,
		"password_last_used": "2024-01-01T00:00:00Z",
	})])
}

test_fails_stale_and_never_used_keys if {
	d := user_unused_credentials.deny with input as snapshot([user("ci", {"access_keys": [
		key("AKIASTALE", "Active", "2025-01-01T00:00:00Z", "2026-03-01T00:00:00Z"),
		key("AKIANEVER", "Active", "2026-04-17T00:00:00Z", null),
		key("AKIAFRESH", "Active", "2025-01-01T00:00:00Z", "2026-05-31T00:00:00Z"),
	]})])
	d == {{
		"resource_id": "arn:aws:iam::111122223333:user/ci",
		"message": "IAM user ci has credentials unused for 45 days or more: access key AKIASTALE last used 92 days ago (2026-03-01T00:00:00Z), access key AKIANEVER never used, created 45 days ago (2026-04-17T00:00:00Z)",
	}}
}

test_passes_new_never_used_key if {
	count(user_unused_credentials.deny) == 0 with input as snapshot([user("ci", {"access_keys": [key("AKIANEW", "Active", "2026-04-18T00:00:00Z", null)]})])
}

test_inactive_keys_ignored if {
	count(user_unused_credentials.deny) == 0 with input as snapshot([user("ci", {"access_keys": [key("AKIAOFF", "Inactive", "2024-01-01T00:00:00Z", null)]})])
}

test_password_and_key_both_reported if {
	d := user_unused_credentials.deny with input as snapshot([user("dave", {
		"password_enabled": true,
		"password_last_used": "2026-01-01T00:00:00Z",
		"access_keys": [key("AKIAOLD", "Active", "2025-01-01T00:00:00Z", "2026-01-02T00:00:00Z")],
	})])
	[x.resource_id | some x in d] == ["arn:aws:iam::111122223333:user/dave"]
	some x in d
	contains(x.message, "IAM user dave ")
	contains(x.message, "console password last used 151 days ago")
	contains(x.message, "access key AKIAOLD last used 150 days ago")
}
