package incloud.aws.iam.root_mfa_test

import data.incloud.aws.iam.root_mfa

account(root) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_account": [{
	"id": "arn:aws:iam::111122223333:root",
	"name": "111122223333",
	"root": root,
}]}}

test_fails_without_mfa if {
	d := root_mfa.deny with input as account({"mfa_active": false, "hardware_mfa_active": false})
	d == {{"resource_id": "arn:aws:iam::111122223333:root", "message": "root user of account 111122223333 has no MFA device"}}
}

test_passes_with_mfa if {
	count(root_mfa.deny) == 0 with input as account({"mfa_active": true, "hardware_mfa_active": false})
}

test_null_root_is_not_a_failure if {
	count(root_mfa.deny) == 0 with input as account(null)
}
