package incloud.aws.iam.cloudshell_full_access_test

import data.incloud.aws.iam.cloudshell_full_access

account(entities) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_account": [{
	"id": "arn:aws:iam::111122223333:root",
	"name": "prod",
	"cloudshell_full_access_entities": entities,
}]}}

test_fails_when_attached if {
	d := cloudshell_full_access.deny with input as account({
		"users": ["arn:aws:iam::111122223333:user/alice"],
		"groups": [],
		"roles": ["arn:aws:iam::111122223333:role/dev"],
	})
	d == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "account prod has AWSCloudShellFullAccess attached to arn:aws:iam::111122223333:user/alice, arn:aws:iam::111122223333:role/dev",
	}}
}

test_fails_when_attached_to_group_only if {
	d := cloudshell_full_access.deny with input as account({"users": [], "groups": ["arn:aws:iam::111122223333:group/devs"], "roles": []})
	[x.resource_id | some x in d] == ["arn:aws:iam::111122223333:root"]
}

test_passes_when_not_attached if {
	count(cloudshell_full_access.deny) == 0 with input as account({"users": [], "groups": [], "roles": []})
}

test_unreadable_entities_are_not_a_failure if {
	count(cloudshell_full_access.deny) == 0 with input as account(null)
	count(cloudshell_full_access.unknown) == 1 with input as account(null)
}
