package incloud.aws.iam.user_key_rotation_test

import data.incloud.aws.iam.user_key_rotation

snapshot(keys) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_iam_user": [{
	"id": "arn:aws:iam::111122223333:user/alice",
	"name": "alice",
	"access_keys": keys,
}]}}

# 2026-03-03 is exactly 90 days before 2026-06-01.
key(id, status, created) := {"access_key_id": id, "status": status, "create_date": created, "last_used_date": null}

test_fails_key_exactly_90_days_old if {
	d := user_key_rotation.deny with input as snapshot([key("AKIAOLD", "Active", "2026-03-03T00:00:00Z"), key("AKIANEW", "Active", "2026-05-01T00:00:00Z")])
	d == {{
		"resource_id": "arn:aws:iam::111122223333:user/alice",
		"message": "IAM user alice has Active access keys not rotated for 90 days or more: AKIAOLD created 90 days ago (2026-03-03T00:00:00Z)",
	}}
}

test_passes_key_89_days_old if {
	count(user_key_rotation.deny) == 0 with input as snapshot([key("AKIA89", "Active", "2026-03-04T00:00:00Z")])
}

test_inactive_old_key_ignored if {
	count(user_key_rotation.deny) == 0 with input as snapshot([key("AKIAOFF", "Inactive", "2020-01-01T00:00:00Z")])
}

test_passes_no_keys if {
	count(user_key_rotation.deny) == 0 with input as snapshot([])
}
