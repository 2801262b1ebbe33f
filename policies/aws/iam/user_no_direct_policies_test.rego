package incloud.aws.iam.user_no_direct_policies_test

import data.incloud.aws.iam.user_no_direct_policies

snapshot(attached, inline) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_iam_user": [{
	"id": "arn:aws:iam::111122223333:user/alice",
	"name": "alice",
	"attached_policies": attached,
	"inline_policies": inline,
}]}}

test_fails_attached_policy if {
	d := user_no_direct_policies.deny with input as snapshot([{"policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "policy_name": "ReadOnlyAccess"}], [])
	d == {{
		"resource_id": "arn:aws:iam::111122223333:user/alice",
		"message": "IAM user alice has policies attached directly instead of through a group: managed ReadOnlyAccess",
	}}
}

test_fails_inline_policy if {
	d := user_no_direct_policies.deny with input as snapshot([], [{"policy_name": "s3-logs", "document": {}}])
	d == {{
		"resource_id": "arn:aws:iam::111122223333:user/alice",
		"message": "IAM user alice has policies attached directly instead of through a group: inline s3-logs",
	}}
}

test_fails_both_listed if {
	d := user_no_direct_policies.deny with input as snapshot(
		[{"policy_arn": "arn:aws:iam::111122223333:policy/deploy", "policy_name": "deploy"}],
		[{"policy_name": "s3-logs", "document": {}}],
	)
	some x in d
	x.resource_id == "arn:aws:iam::111122223333:user/alice"
	x.message == "IAM user alice has policies attached directly instead of through a group: managed deploy, inline s3-logs"
}

test_passes_without_direct_policies if {
	count(user_no_direct_policies.deny) == 0 with input as snapshot([], [])
}

test_null_lists_are_not_a_failure if {
	count(user_no_direct_policies.deny) == 0 with input as snapshot(null, null)
}
