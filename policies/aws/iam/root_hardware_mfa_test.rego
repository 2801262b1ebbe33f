package incloud.aws.iam.root_hardware_mfa_test

import data.incloud.aws.iam.root_hardware_mfa

account(root) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_account": [{
	"id": "arn:aws:iam::111122223333:root",
	"name": "prod",
	"root": root,
}]}}

test_fails_with_virtual_mfa if {
	d := root_hardware_mfa.deny with input as account({"mfa_active": true, "hardware_mfa_active": false})
	d == {{"resource_id": "arn:aws:iam::111122223333:root", "message": "root user of account prod uses a virtual MFA device instead of a hardware one"}}
}

test_fails_without_any_mfa if {
	d := root_hardware_mfa.deny with input as account({"mfa_active": false, "hardware_mfa_active": false})
	d == {{"resource_id": "arn:aws:iam::111122223333:root", "message": "root user of account prod has no MFA device at all (a hardware one is required)"}}
}

test_passes_with_hardware_mfa if {
	count(root_hardware_mfa.deny) == 0 with input as account({"mfa_active": true, "hardware_mfa_active": true})
}

test_null_root_is_not_a_failure if {
	count(root_hardware_mfa.deny) == 0 with input as account(null)
}
