package incloud.gcp.kms.separation_of_duties_test

import data.incloud.gcp.kms.separation_of_duties as check

snap(policy) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {"gcp_project": [{"id": "//cloudresourcemanager.googleapis.com/projects/p1", "name": "p1", "project_id": "p1", "iam_policy": policy}]}}

pid := "//cloudresourcemanager.googleapis.com/projects/p1"

binding(role, members) := {"role": role, "members": members, "condition": null}

test_fails_when_both if {
	check.deny == {{"resource_id": pid, "message": "project p1: user:d@acme.example hold Cloud KMS Admin and an encrypt/decrypt role"}} with input as snap({"bindings": [
		binding("roles/cloudkms.admin", ["user:d@acme.example"]),
		binding("roles/cloudkms.cryptoKeyDecrypter", ["user:d@acme.example", "serviceAccount:app@p1.iam.gserviceaccount.com"]),
	]})
}

test_passes_when_split if {
	count(check.deny) == 0 with input as snap({"bindings": [
		binding("roles/cloudkms.admin", ["group:kms-admins@acme.example"]),
		binding("roles/cloudkms.cryptoKeyEncrypterDecrypter", ["serviceAccount:app@p1.iam.gserviceaccount.com"]),
	]})
}
