package incloud.aws.iam.user_single_active_key_test

import data.incloud.aws.iam.user_single_active_key

snapshot(keys) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_iam_user": [{
	"id": "arn:aws:iam::111122223333:user/alice",
	"name": "alice",
	"access_keys": keys,
}]}}

key(id, status) := {"access_key_id": id, "status": status, "create_date": "2026-01-01T00:00:00Z", "last_used_date": null}

test_fails_two_active_keys if {
	d := user_single_active_key.deny with input as snapshot([key("AKIAB", "Active"), key("AKIAA", "Active")])
	d == {{"resource_id": "arn:aws:iam::111122223333:user/alice", "message": "IAM user alice has 2 Active access keys: AKIAA, AKIAB"}}
}

test_passes_one_active_one_inactive if {
	count(user_single_active_key.deny) == 0 with input as snapshot([key("AKIAA", "Active"), key("AKIAB", "Inactive")])
}

test_passes_one_active if {
	count(user_single_active_key.deny) == 0 with input as snapshot([key("AKIAA", "Active")])
}

test_passes_no_keys if {
	count(user_single_active_key.deny) == 0 with input as snapshot([])
}
