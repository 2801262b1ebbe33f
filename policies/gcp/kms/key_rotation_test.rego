package incloud.gcp.kms.key_rotation_test

import data.incloud.gcp.kms.key_rotation as check

snap(keys) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {"gcp_kms_crypto_key": keys}}

key(purpose, state, period, next) := {"id": "k1", "name": "data", "key_ring": "app", "purpose": purpose, "primary_state": state, "rotation_period_seconds": period, "next_rotation_time": next}

test_fails_without_rotation if {
	check.deny == {{"resource_id": "k1", "message": "KMS key data in key ring app: automatic rotation is off"}} with input as snap([key("ENCRYPT_DECRYPT", "ENABLED", null, null)])
}

test_fails_for_yearly_rotation if {
	check.deny == {{"resource_id": "k1", "message": "KMS key data in key ring app: rotation period is 365 days"}} with input as snap([key("ENCRYPT_DECRYPT", "ENABLED", 31536000, "2027-01-01T00:00:00Z")])
}

test_fails_for_far_next_rotation if {
	count(check.deny) == 1 with input as snap([key("ENCRYPT_DECRYPT", "ENABLED", 7776000, "2027-06-01T00:00:00Z")])
}

test_passes_for_90_days if {
	count(check.deny) == 0 with input as snap([key("ENCRYPT_DECRYPT", "ENABLED", 7776000, "2026-12-20T00:00:00Z")])
}

test_passes_for_asymmetric_and_disabled_keys if {
	count(check.deny) == 0 with input as snap([key("ASYMMETRIC_SIGN", null, null, null), key("ENCRYPT_DECRYPT", "DISABLED", null, null)])
}
