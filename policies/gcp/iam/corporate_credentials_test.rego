package incloud.gcp.iam.corporate_credentials_test

import data.incloud.gcp.iam.corporate_credentials as check

snap(policy) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {"gcp_project": [{"id": "//cloudresourcemanager.googleapis.com/projects/p1", "name": "p1", "project_id": "p1", "iam_policy": policy}]}}

pid := "//cloudresourcemanager.googleapis.com/projects/p1"

binding(role, members) := {"role": role, "members": members, "condition": null}

test_fails_for_gmail_member if {
	check.deny == {{"resource_id": pid, "message": "project p1 grants roles to personal Google accounts: user:bob@gmail.com"}} with input as snap({"bindings": [binding("roles/owner", ["user:alice@acme.example", "user:bob@gmail.com"])]})
}

test_fails_for_googlemail_member if {
	count(check.deny) == 1 with input as snap({"bindings": [binding("roles/viewer", ["user:Bob@GoogleMail.com"])]})
}

test_passes_for_corporate_members if {
	count(check.deny) == 0 with input as snap({"bindings": [binding("roles/owner", ["user:alice@acme.example", "group:ops@acme.example", "serviceAccount:x@gmail.com.iam.gserviceaccount.com"])]})
}
