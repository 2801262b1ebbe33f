package incloud.aws.account.contact_details_test

import data.incloud.aws.account.contact_details as check

account(contact) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_account": [{
	"id": "arn:aws:iam::111122223333:root",
	"name": "prod",
	"contact_information": contact,
}]}}

full := {"registered": true, "has_full_name": true, "has_phone_number": true, "has_address": true}

test_fails_when_not_registered if {
	c := {"registered": false, "has_full_name": false, "has_phone_number": false, "has_address": false}
	check.deny == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "account prod has no contact information registered",
	}} with input as account(c)
	count(check.pass) == 0 with input as account(c)
}

test_fails_when_fields_are_missing if {
	check.deny == {{
		"resource_id": "arn:aws:iam::111122223333:root",
		"message": "account prod's contact information has no address, phone number",
	}} with input as account(object.union(full, {"has_phone_number": false, "has_address": false}))
}

test_passes_when_complete if {
	count(check.deny) == 0 with input as account(full)
	count(check.unknown) == 0 with input as account(full)
	count(check.pass) == 1 with input as account(full)
}

test_null_is_unknown_not_pass if {
	count(check.deny) == 0 with input as account(null)
	count(check.pass) == 0 with input as account(null)
	count(check.unknown) == 1 with input as account(null)
}
