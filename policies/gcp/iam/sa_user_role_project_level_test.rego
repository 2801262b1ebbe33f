package incloud.gcp.iam.sa_user_role_project_level_test

import data.incloud.gcp.iam.sa_user_role_project_level as check

snap(policy) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {"gcp_project": [{"id": "//cloudresourcemanager.googleapis.com/projects/p1", "name": "p1", "project_id": "p1", "iam_policy": policy}]}}

pid := "//cloudresourcemanager.googleapis.com/projects/p1"

binding(role, members) := {"role": role, "members": members, "condition": null}

test_fails_for_sa_user if {
	check.deny == {{"resource_id": pid, "message": "project p1 grants service-account impersonation on the whole project: user:c@acme.example (roles/iam.serviceAccountUser)"}} with input as snap({"bindings": [binding("roles/iam.serviceAccountUser", ["user:c@acme.example"])]})
}

test_fails_for_conditional_token_creator if {
	count(check.deny) == 1 with input as snap({"bindings": [{"role": "roles/iam.serviceAccountTokenCreator", "members": ["group:g@acme.example"], "condition": {"title": "t", "expression": "request.time < timestamp('2027-01-01T00:00:00Z')"}}]})
}

test_passes_without if {
	count(check.deny) == 0 with input as snap({"bindings": [binding("roles/viewer", ["user:c@acme.example"])]})
}
