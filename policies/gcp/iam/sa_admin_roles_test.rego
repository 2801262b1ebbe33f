package incloud.gcp.iam.sa_admin_roles_test

import data.incloud.gcp.iam.sa_admin_roles as check

snap(policy) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {"gcp_project": [{"id": "//cloudresourcemanager.googleapis.com/projects/p1", "name": "p1", "project_id": "p1", "iam_policy": policy}]}}

pid := "//cloudresourcemanager.googleapis.com/projects/p1"

binding(role, members) := {"role": role, "members": members, "condition": null}

test_fails_for_editor_service_account if {
	check.deny == {{"resource_id": pid, "message": "project p1 grants admin roles to service accounts: serviceAccount:1-compute@developer.gserviceaccount.com (roles/editor)"}} with input as snap({"bindings": [binding("roles/editor", ["serviceAccount:1-compute@developer.gserviceaccount.com", "user:a@acme.example"])]})
}

test_fails_for_admin_role if {
	count(check.deny) == 1 with input as snap({"bindings": [binding("roles/storage.admin", ["serviceAccount:ci@p1.iam.gserviceaccount.com"])]})
}

test_passes_for_narrow_roles if {
	count(check.deny) == 0 with input as snap({"bindings": [binding("roles/storage.objectViewer", ["serviceAccount:ci@p1.iam.gserviceaccount.com"]), binding("roles/owner", ["user:a@acme.example"])]})
}
