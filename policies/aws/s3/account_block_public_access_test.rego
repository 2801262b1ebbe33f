package incloud.aws.s3.account_block_public_access_test

import data.incloud.aws.s3.account_block_public_access as check

account(pab) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_account": [{
	"id": "arn:aws:iam::111122223333:root",
	"name": "prod",
	"s3_public_access_block": pab,
}]}}

all_on := {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}

test_fails_without_setting if {
	check.deny == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "account prod does not block S3 public access: the account has no public access block",
	}} with input as account(null)
	count(check.pass) == 0 with input as account(null)
}

test_fails_when_partial if {
	check.deny == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "account prod does not block S3 public access: the account leaves block_public_policy, restrict_public_buckets off",
	}} with input as account(object.union(all_on, {"block_public_policy": false, "restrict_public_buckets": false}))
}

test_fails_when_one_is_off if {
	count(check.deny) == 1 with input as account(object.union(all_on, {"ignore_public_acls": false}))
}

test_passes_with_all_four if {
	count(check.deny) == 0 with input as account(all_on)
	check.pass == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "account prod blocks S3 public access for every bucket (all four settings on)",
	}} with input as account(all_on)
}
