package incloud.gcp.iam.sa_separation_of_duties_test

import data.incloud.gcp.iam.sa_separation_of_duties as check

snap(policy) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {"gcp_project": [{"id": "//cloudresourcemanager.googleapis.com/projects/p1", "name": "p1", "project_id": "p1", "iam_policy": policy}]}}

pid := "//cloudresourcemanager.googleapis.com/projects/p1"

binding(role, members) := {"role": role, "members": members, "condition": null}

test_fails_when_both_roles if {
	check.deny == {{"resource_id": pid, "message": "project p1: user:c@acme.example hold both Service Account Admin and Service Account User"}} with input as snap({"bindings": [
		binding("roles/iam.serviceAccountAdmin", ["user:c@acme.example", "user:d@acme.example"]),
		binding("roles/iam.serviceAccountUser", ["user:c@acme.example"]),
	]})
}

test_passes_when_split if {
	count(check.deny) == 0 with input as snap({"bindings": [
		binding("roles/iam.serviceAccountAdmin", ["user:d@acme.example"]),
		binding("roles/iam.serviceAccountUser", ["user:c@acme.example"]),
	]})
}
