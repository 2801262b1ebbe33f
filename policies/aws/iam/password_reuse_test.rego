package incloud.aws.iam.password_reuse_test

import data.incloud.aws.iam.password_reuse

account(policy) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_account": [{
	"id": "arn:aws:iam::111122223333:root",
	"name": "prod",
	"password_policy": policy,
}]}}

test_fails_without_policy if {
	d := password_reuse.deny with input as account(null)
	d == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "account prod has no IAM password policy, so users may reuse old passwords",
	}}
}

test_fails_when_reuse_prevention_unset if {
	d := password_reuse.deny with input as account({"minimum_password_length": 14, "password_reuse_prevention": null})
	d == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "account prod's IAM password policy does not prevent password reuse (should remember 24)",
	}}
}

test_fails_below_24 if {
	d := password_reuse.deny with input as account({"minimum_password_length": 14, "password_reuse_prevention": 5})
	d == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "account prod's IAM password policy remembers only 5 previous passwords (should be 24)",
	}}
}

test_fails_at_23 if {
	count(password_reuse.deny) == 1 with input as account({"password_reuse_prevention": 23})
}

test_passes_at_24 if {
	count(password_reuse.deny) == 0 with input as account({"minimum_password_length": 8, "password_reuse_prevention": 24})
}
