package incloud.gcp.kms.key_public_test

import data.incloud.gcp.kms.key_public as check

key(members) := {"id": "k1", "name": "data", "key_ring": "app", "iam_policy": {"bindings": [{"role": "roles/cloudkms.cryptoKeyDecrypter", "members": members, "condition": null}]}}

test_fails_for_all_users if {
	check.deny == {{"resource_id": "k1", "message": "KMS key data in key ring app is public: allUsers roles/cloudkms.cryptoKeyDecrypter"}} with input as {"resources": {"gcp_kms_crypto_key": [key(["allUsers"])]}}
}

test_fails_for_all_authenticated_users if {
	count(check.deny) == 1 with input as {"resources": {"gcp_kms_crypto_key": [key(["allAuthenticatedUsers"])]}}
}

test_passes_for_named_members if {
	count(check.deny) == 0 with input as {"resources": {"gcp_kms_crypto_key": [key(["serviceAccount:app@p1.iam.gserviceaccount.com"])]}}
}
