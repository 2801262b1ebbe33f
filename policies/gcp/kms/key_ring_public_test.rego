package incloud.gcp.kms.key_ring_public_test

import data.incloud.gcp.kms.key_ring_public as check

ring(members) := {"id": "r1", "name": "legacy", "location": "us-central1", "iam_policy": {"bindings": [{"role": "roles/cloudkms.viewer", "members": members, "condition": null}]}}

test_fails_for_public_ring if {
	check.deny == {{"resource_id": "r1", "message": "KMS key ring legacy in us-central1 is public: allAuthenticatedUsers roles/cloudkms.viewer"}} with input as {"resources": {"gcp_kms_key_ring": [ring(["allAuthenticatedUsers"])]}}
}

test_passes_for_private_ring if {
	count(check.deny) == 0 with input as {"resources": {"gcp_kms_key_ring": [ring(["group:sec@acme.example"])]}}
}
