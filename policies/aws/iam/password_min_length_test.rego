package incloud.aws.iam.password_min_length_test

import data.incloud.aws.iam.password_min_length

account(policy) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_account": [{
	"id": "arn:aws:iam::111122223333:root",
	"name": "prod",
	"password_policy": policy,
}]}}

test_fails_without_policy if {
	d := password_min_length.deny with input as account(null)
	d == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "account prod has no IAM password policy, so passwords need not be 14 characters long",
	}}
}

test_fails_when_too_short if {
	d := password_min_length.deny with input as account({"minimum_password_length": 8})
	d == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "account prod's IAM password policy allows passwords of 8 characters (minimum should be 14)",
	}}
}

test_fails_at_13 if {
	count(password_min_length.deny) == 1 with input as account({"minimum_password_length": 13})
}

test_passes_at_14 if {
	count(password_min_length.deny) == 0 with input as account({"minimum_password_length": 14})
}

test_passes_above_14 if {
	count(password_min_length.deny) == 0 with input as account({"minimum_password_length": 32})
}
