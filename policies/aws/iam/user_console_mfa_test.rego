package incloud.aws.iam.user_console_mfa_test

import data.incloud.aws.iam.user_console_mfa

snapshot(users) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_iam_user": users}}

user(name, password, mfa) := {
	"id": sprintf("arn:aws:iam::111122223333:user/%s", [name]),
	"name": name,
	"password_enabled": password,
	"mfa_active": mfa,
}

test_fails_console_user_without_mfa if {
	d := user_console_mfa.deny with input as snapshot([user("alice", true, false), user("bob", true, true)])
	d == {{"resource_id": "arn:aws:iam::111122223333:user/alice", "message": "IAM user alice has a console password but no MFA device"}}
}

test_passes_console_user_with_mfa if {
	count(user_console_mfa.deny) == 0 with input as snapshot([user("bob", true, true)])
}

test_passes_user_without_password if {
	count(user_console_mfa.deny) == 0 with input as snapshot([user("ci", false, false)])
}
