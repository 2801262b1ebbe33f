package incloud.aws.account.security_contact_test

import data.incloud.aws.account.security_contact as check

account(contact) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_account": [{
	"id": "arn:aws:iam::111122223333:root",
	"name": "prod",
	"security_contact": contact,
}]}}

full := {"registered": true, "has_name": true, "has_email_address": true, "has_phone_number": true}

test_fails_when_not_registered if {
	c := {"registered": false, "has_name": false, "has_email_address": false, "has_phone_number": false}
	check.deny == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "account prod has no security contact registered",
	}} with input as account(c)
	count(check.pass) == 0 with input as account(c)
}

test_fails_without_email if {
	check.deny == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "account prod's security contact has no email address",
	}} with input as account(object.union(full, {"has_email_address": false}))
}

test_passes_when_registered if {
	count(check.deny) == 0 with input as account(full)
	check.pass == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "account prod has a security contact with an email address and a phone number",
	}} with input as account(full)
}

test_null_is_unknown_not_pass if {
	count(check.deny) == 0 with input as account(null)
	count(check.pass) == 0 with input as account(null)
	count(check.unknown) == 1 with input as account(null)
}
