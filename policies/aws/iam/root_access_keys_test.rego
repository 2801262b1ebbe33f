package incloud.aws.iam.root_access_keys_test

import data.incloud.aws.iam.root_access_keys

account(root) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_account": [{
	"id": "arn:aws:iam::111122223333:root",
	"name": "prod",
	"root": root,
}]}}

test_fails_with_keys if {
	d := root_access_keys.deny with input as account({"access_keys_present": true})
	d == {{"resource_id": "arn:aws:iam::111122223333:root", "message": "root user of account prod has access keys"}}
}

test_passes_without_keys if {
	count(root_access_keys.deny) == 0 with input as account({"access_keys_present": false})
}

test_null_root_is_not_a_failure if {
	count(root_access_keys.deny) == 0 with input as account(null)
}
