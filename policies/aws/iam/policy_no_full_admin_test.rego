package incloud.aws.iam.policy_no_full_admin_test

import data.incloud.aws.iam.policy_no_full_admin

snapshot(policies) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_iam_policy": policies}}

policy(name, attachments, statement) := {
	"id": sprintf("arn:aws:iam::111122223333:policy/%s", [name]),
	"name": name,
	"attachment_count": attachments,
	"document": {"Version": "2012-10-17", "Statement": statement},
}

test_fails_attached_star_policy_statement_object if {
	d := policy_no_full_admin.deny with input as snapshot([policy("admin", 2, {"Effect": "Allow", "Action": "*", "Resource": "*"})])
	d == {{
		"resource_id": "arn:aws:iam::111122223333:policy/admin",
		"message": "customer-managed IAM policy admin allows all actions (\"*\") on all resources and is attached to 2 users, groups or roles",
	}}
}

test_fails_action_as_list if {
	d := policy_no_full_admin.deny with input as snapshot([policy("ops", 1, [
		{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::b/*"]},
		{"Effect": "Allow", "Action": ["ec2:*", "*"], "Resource": ["*"]},
	])])
	d == {{
		"resource_id": "arn:aws:iam::111122223333:policy/ops",
		"message": "customer-managed IAM policy ops allows all actions (\"*\") on all resources and is attached to 1 user, group or role",
	}}
}

test_passes_unattached_star_policy if {
	count(policy_no_full_admin.deny) == 0 with input as snapshot([policy("unused", 0, {"Effect": "Allow", "Action": "*", "Resource": "*"})])
}

test_passes_not_action if {
	count(policy_no_full_admin.deny) == 0 with input as snapshot([policy("poweruser", 3, [{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}])])
}

test_passes_deny_star if {
	count(policy_no_full_admin.deny) == 0 with input as snapshot([policy("guard", 3, [{"Effect": "Deny", "Action": "*", "Resource": "*"}])])
}

test_passes_scoped_policy if {
	count(policy_no_full_admin.deny) == 0 with input as snapshot([policy("s3", 1, [
		{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
		{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/*"},
	])])
}
