package incloud.aws.iam.group_inline_admin_policy_test

import data.incloud.aws.iam.group_inline_admin_policy

snapshot(entities) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_iam_group": entities}}

entity(name, policies) := {
	"id": sprintf("arn:aws:iam::111122223333:group/%s", [name]),
	"name": name,
	"inline_policies": policies,
}

admin_object := {"policy_name": "break-glass", "document": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}}

admin_list := {"policy_name": "ops-all", "document": {"Statement": [
	{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
	{"Effect": "Allow", "Action": ["ec2:*", "*"], "Resource": ["*"]},
]}}

scoped := {"policy_name": "read-logs", "document": {"Statement": [{"Effect": "Allow", "Action": ["logs:Get*", "logs:Describe*"], "Resource": "*"}]}}

not_action := {"policy_name": "power", "document": {"Statement": [{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}]}}

test_fails_statement_object_and_action_list if {
	d := group_inline_admin_policy.deny with input as snapshot([entity("ops", [scoped, admin_object, admin_list]), entity("dev", [scoped])])
	d == {{
		"resource_id": "arn:aws:iam::111122223333:group/ops",
		"message": "IAM group ops has inline policies allowing all actions on all resources: break-glass, ops-all",
	}}
}

test_passes_scoped_and_not_action if {
	count(group_inline_admin_policy.deny) == 0 with input as snapshot([entity("dev", [scoped, not_action])])
}

test_passes_without_inline_policies if {
	count(group_inline_admin_policy.deny) == 0 with input as snapshot([entity("dev", [])])
}

test_null_inline_policies_are_not_a_failure if {
	count(group_inline_admin_policy.deny) == 0 with input as snapshot([entity("dev", null)])
}
