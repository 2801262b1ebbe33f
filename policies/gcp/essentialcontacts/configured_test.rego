package incloud.gcp.essentialcontacts.configured_test

import data.incloud.gcp.essentialcontacts.configured as check

snap(contacts) := {"resources": {"gcp_project": [{"id": "p", "project_id": "p1", "essential_contacts": contacts}]}}

test_fails_for_missing_categories if {
	check.deny == {{"resource_id": "p", "message": "no essential contact for LEGAL, SECURITY, SUSPENSION, TECHNICAL_INCIDENTS in project p1 or its organization"}} with input as snap([{"email": "ops@acme.example", "notification_categories": ["TECHNICAL", "BILLING"], "parent": "organizations/1"}])
}

test_passes_with_all if {
	count(check.deny) == 0 with input as snap([{"email": "sec@acme.example", "notification_categories": ["ALL"], "parent": "organizations/1"}])
}

test_passes_with_every_category if {
	count(check.deny) == 0 with input as snap([
		{"email": "sec@acme.example", "notification_categories": ["SECURITY", "TECHNICAL_INCIDENTS"], "parent": "organizations/1"},
		{"email": "legal@acme.example", "notification_categories": ["LEGAL", "SUSPENSION", "TECHNICAL"], "parent": "projects/p1"},
	])
}
