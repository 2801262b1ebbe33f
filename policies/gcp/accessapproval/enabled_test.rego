package incloud.gcp.accessapproval.enabled_test

import data.incloud.gcp.accessapproval.enabled as check

snap(services, settings) := {"resources": {"gcp_project": [{"id": "p", "project_id": "p1", "enabled_services": services, "access_approval": settings}]}}

test_fails_when_api_disabled if {
	check.deny == {{"resource_id": "p", "message": "Access Approval in project p1: the Access Approval API is not enabled"}} with input as snap([], null)
}

test_fails_without_enrollment if {
	check.deny == {{"resource_id": "p", "message": "Access Approval in project p1: no service is enrolled"}} with input as snap(["accessapproval.googleapis.com"], {"enrolled_services": [], "notification_emails": []})
}

test_passes_when_enrolled if {
	count(check.deny) == 0 with input as snap(["accessapproval.googleapis.com"], {"enrolled_services": [{"cloud_product": "all", "enrollment_level": "BLOCK_ALL"}], "notification_emails": []})
}
