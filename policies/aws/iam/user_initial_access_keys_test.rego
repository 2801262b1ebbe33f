package incloud.aws.iam.user_initial_access_keys_test

import data.incloud.aws.iam.user_initial_access_keys

snapshot(users) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_iam_user": users}}

user(name, password, keys) := {
	"id": sprintf("arn:aws:iam::111122223333:user/%s", [name]),
	"name": name,
	"password_enabled": password,
	"access_keys": keys,
}

key(id, status, last_used) := {
	"access_key_id": id,
	"status": status,
	"create_date": "2026-01-01T00:00:00Z",
	"last_used_date": last_used,
}

test_fails_never_used_active_key if {
	d := user_initial_access_keys.deny with input as snapshot([user("alice", true, [
		key("AKIAUSED", "Active", "2026-05-01T00:00:00Z"),
		key("AKIANEVER", "Active", null),
	])])
	d == {{
		"resource_id": "arn:aws:iam::111122223333:user/alice",
		"message": "IAM user alice has a console password and Active access keys that were never used: AKIANEVER",
	}}
}

test_passes_used_key if {
	count(user_initial_access_keys.deny) == 0 with input as snapshot([user("alice", true, [key("AKIAUSED", "Active", "2026-05-01T00:00:00Z")])])
}

test_inactive_never_used_key_ignored if {
	count(user_initial_access_keys.deny) == 0 with input as snapshot([user("alice", true, [key("AKIAOLD", "Inactive", null)])])
}

test_programmatic_user_without_password_passes if {
	count(user_initial_access_keys.deny) == 0 with input as snapshot([user("ci", false, [key("AKIANEW", "Active", null)])])
}

test_passes_without_keys if {
	count(user_initial_access_keys.deny) == 0 with input as snapshot([user("alice", true, [])])
}
