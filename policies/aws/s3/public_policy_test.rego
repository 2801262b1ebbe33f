package incloud.aws.s3.public_policy_test

import data.incloud.aws.s3.public_policy

snapshot(is_public, bucket_pab, account_pab) := {"resources": {
	"aws_account": [{"id": "arn:aws:iam::123456789012:root", "name": "123456789012", "region": "global", "tags": {}, "s3_public_access_block": account_pab}],
	"aws_s3_bucket": [{
		"id": "arn:aws:s3:::data",
		"name": "data",
		"region": "eu-west-1",
		"tags": {},
		"policy_is_public": is_public,
		"public_access_block": bucket_pab,
	}],
}}

test_pass_not_public if {
	count(public_policy.deny) == 0 with input as snapshot(false, null, null)
}

test_pass_no_policy if {
	count(public_policy.deny) == 0 with input as snapshot(null, null, null)
}

test_fail_public if {
	public_policy.deny == {{
		"resource_id": "arn:aws:s3:::data",
		"message": "bucket data has a bucket policy that grants public access, and restrict_public_buckets is off for the bucket and the account",
	}} with input as snapshot(true, null, null)
}

test_pass_restricted_by_bucket if {
	count(public_policy.deny) == 0 with input as snapshot(true, {"restrict_public_buckets": true}, null)
}

test_pass_restricted_by_account if {
	count(public_policy.deny) == 0 with input as snapshot(true, {"restrict_public_buckets": false}, {"restrict_public_buckets": true})
}

test_fail_block_policy_only if {
	count(public_policy.deny) == 1 with input as snapshot(true, {"block_public_policy": true, "restrict_public_buckets": false}, null)
}
