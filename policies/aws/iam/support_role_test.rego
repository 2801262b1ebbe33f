package incloud.aws.iam.support_role_test

import data.incloud.aws.iam.support_role

account(entities) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_account": [{
	"id": "arn:aws:iam::111122223333:root",
	"name": "prod",
	"support_access_entities": entities,
}]}}

test_fails_without_support_entities if {
	d := support_role.deny with input as account({"users": [], "groups": [], "roles": []})
	d == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "account prod has no IAM user, group or role with the AWSSupportAccess policy attached",
	}}
}

test_passes_with_support_role if {
	count(support_role.deny) == 0 with input as account({"users": [], "groups": [], "roles": ["arn:aws:iam::111122223333:role/aws-support"]})
}

test_passes_with_support_user if {
	count(support_role.deny) == 0 with input as account({"users": ["arn:aws:iam::111122223333:user/ops"], "groups": [], "roles": []})
}

test_unreadable_entities_are_not_a_failure if {
	count(support_role.deny) == 0 with input as account(null)
	count(support_role.unknown) == 1 with input as account(null)
	count(support_role.pass) == 0 with input as account(null)
}
