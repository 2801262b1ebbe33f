package incloud.gcp.storage.bucket_public_test

import data.incloud.gcp.storage.bucket_public as check

bucket(members, pap) := {"resources": {"gcp_storage_bucket": [{"id": "b", "name": "assets", "public_access_prevention": pap, "iam_policy": {"bindings": [{"role": "roles/storage.objectViewer", "members": members, "condition": null}]}}]}}

test_fails_for_all_users if {
	check.deny == {{"resource_id": "b", "message": "bucket assets is public: allUsers roles/storage.objectViewer"}} with input as bucket(["allUsers"], "inherited")
}

test_fails_for_all_authenticated_users if {
	count(check.deny) == 1 with input as bucket(["allAuthenticatedUsers"], "unspecified")
}

test_passes_for_private if {
	count(check.deny) == 0 with input as bucket(["group:data@acme.example"], "inherited")
}

test_passes_when_prevention_enforced if {
	count(check.deny) == 0 with input as bucket(["allUsers"], "enforced")
}
