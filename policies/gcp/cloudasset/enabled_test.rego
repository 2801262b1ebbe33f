package incloud.gcp.cloudasset.enabled_test

import data.incloud.gcp.cloudasset.enabled as check

snap(services) := {"resources": {"gcp_project": [{"id": "p", "project_id": "p1", "enabled_services": services}]}}

test_fails_when_disabled if {
	check.deny == {{"resource_id": "p", "message": "the Cloud Asset API is not enabled in project p1"}} with input as snap(["compute.googleapis.com"])
}

test_passes_when_enabled if {
	count(check.deny) == 0 with input as snap(["cloudasset.googleapis.com"])
}
