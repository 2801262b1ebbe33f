package incloud.aws.s3.deny_http_test

import data.incloud.aws.s3.deny_http

https_statement := {
	"Sid": "DenyHTTP",
	"Effect": "Deny",
	"Principal": "*",
	"Action": "s3:*",
	"Resource": ["arn:aws:s3:::data", "arn:aws:s3:::data/*"],
	"Condition": {"Bool": {"aws:SecureTransport": "false"}},
}

read_statement := {
	"Effect": "Allow",
	"Principal": {"AWS": "arn:aws:iam::123456789012:role/reader"},
	"Action": "s3:GetObject",
	"Resource": "arn:aws:s3:::data/*",
}

snapshot(policy) := {"resources": {"aws_s3_bucket": [{
	"id": "arn:aws:s3:::data",
	"name": "data",
	"region": "eu-west-1",
	"tags": {},
	"policy": policy,
}]}}

test_pass_with_https_statement if {
	count(deny_http.deny) == 0 with input as snapshot({"Version": "2012-10-17", "Statement": [read_statement, https_statement]})
}

test_pass_boolean_false if {
	stmt := object.union(object.remove(https_statement, ["Condition"]), {"Condition": {"Bool": {"aws:SecureTransport": false}}})
	count(deny_http.deny) == 0 with input as snapshot({"Statement": [stmt]})
}

test_pass_array_value if {
	stmt := object.union(object.remove(https_statement, ["Condition"]), {"Condition": {"Bool": {"aws:SecureTransport": ["false"]}}})
	count(deny_http.deny) == 0 with input as snapshot({"Statement": stmt})
}

test_fail_no_policy if {
	deny_http.deny == {{
		"resource_id": "arn:aws:s3:::data",
		"message": "bucket data has no bucket policy, so nothing denies requests over plain HTTP (aws:SecureTransport false)",
	}} with input as snapshot(null)
}

test_fail_policy_without_https_statement if {
	deny_http.deny == {{
		"resource_id": "arn:aws:s3:::data",
		"message": "bucket data has a bucket policy but no statement denying s3:* on its objects to everyone when aws:SecureTransport is false",
	}} with input as snapshot({"Statement": [read_statement]})
}

test_fail_condition_true if {
	stmt := object.union(object.remove(https_statement, ["Condition"]), {"Condition": {"Bool": {"aws:SecureTransport": "true"}}})
	count(deny_http.deny) == 1 with input as snapshot({"Statement": [stmt]})
}

test_fail_allow_instead_of_deny if {
	stmt := object.union(https_statement, {"Effect": "Allow"})
	count(deny_http.deny) == 1 with input as snapshot({"Statement": [stmt]})
}

test_fail_single_principal if {
	stmt := object.union(https_statement, {"Principal": {"AWS": "arn:aws:iam::123456789012:root"}})
	count(deny_http.deny) == 1 with input as snapshot({"Statement": [stmt]})
}

test_fail_narrow_action if {
	stmt := object.union(https_statement, {"Action": "s3:PutObject"})
	count(deny_http.deny) == 1 with input as snapshot({"Statement": [stmt]})
}

test_fail_other_bucket if {
	stmt := object.union(https_statement, {"Resource": "arn:aws:s3:::other/*"})
	count(deny_http.deny) == 1 with input as snapshot({"Statement": [stmt]})
}

test_no_buckets if {
	count(deny_http.deny) == 0 with input as {"resources": {"aws_s3_bucket": []}}
}
