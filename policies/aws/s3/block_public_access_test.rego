package incloud.aws.s3.block_public_access_test

import data.incloud.aws.s3.block_public_access

all_on := {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}

policy_off := object.union(all_on, {"block_public_policy": false, "restrict_public_buckets": false})

snapshot(bucket_pab, account_pab) := {"resources": {
	"aws_account": [{
		"id": "arn:aws:iam::123456789012:root",
		"name": "123456789012",
		"region": "global",
		"tags": {},
		"s3_public_access_block": account_pab,
	}],
	"aws_s3_bucket": [{
		"id": "arn:aws:s3:::data",
		"name": "data",
		"region": "eu-west-1",
		"tags": {},
		"public_access_block": bucket_pab,
	}],
}}

test_pass_bucket_all_on if {
	count(block_public_access.deny) == 0 with input as snapshot(all_on, null)
}

test_pass_account_overrides_bucket if {
	count(block_public_access.deny) == 0 with input as snapshot(null, all_on)
	count(block_public_access.deny) == 0 with input as snapshot(policy_off, all_on)
}

test_fail_neither if {
	block_public_access.deny == {{
		"resource_id": "arn:aws:s3:::data",
		"message": "bucket data does not block public access: the bucket has no public access block, and the account has no public access block",
	}} with input as snapshot(null, null)
}

test_fail_both_partial if {
	block_public_access.deny == {{
		"resource_id": "arn:aws:s3:::data",
		"message": "bucket data does not block public access: the bucket leaves block_public_policy, restrict_public_buckets off, and the account leaves ignore_public_acls off",
	}} with input as snapshot(policy_off, object.union(all_on, {"ignore_public_acls": false}))
}

# Two partial configurations do not add up: each of them must have all four settings on.
test_fail_partial_complements if {
	acls_off := object.union(all_on, {"block_public_acls": false, "ignore_public_acls": false})
	count(block_public_access.deny) == 1 with input as snapshot(policy_off, acls_off)
}

test_unknown_without_account if {
	inp := {"resources": {"aws_s3_bucket": [{"id": "arn:aws:s3:::data", "name": "data", "region": "eu-west-1", "tags": {}, "public_access_block": null}]}}
	count(block_public_access.deny) == 0 with input as inp
	{u.resource_id | some u in block_public_access.unknown} == {"arn:aws:s3:::data"} with input as inp
}

test_no_unknown_with_account if {
	count(block_public_access.unknown) == 0 with input as snapshot(null, null)
}
