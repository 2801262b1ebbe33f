package incloud.gcp.iam.sa_key_rotation_test

import data.incloud.gcp.iam.sa_key_rotation as check

sa(keys) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {"gcp_iam_service_account": [{"id": "sa1", "email": "ci@p1.iam.gserviceaccount.com", "keys": keys}]}}

key(id, type, created, disabled) := {"key_id": id, "key_type": type, "valid_after_time": created, "disabled": disabled}

test_fails_for_old_key if {
	check.deny == {{"resource_id": "sa1", "message": "service account ci@p1.iam.gserviceaccount.com has user-managed keys older than 90 days: k1 (292 days)"}} with input as sa([key("k1", "USER_MANAGED", "2026-02-01T00:00:00Z", false)])
}

test_passes_for_recent_disabled_and_system_keys if {
	count(check.deny) == 0 with input as sa([
		key("k1", "USER_MANAGED", "2026-10-15T00:00:00Z", false),
		key("k2", "USER_MANAGED", "2025-01-01T00:00:00Z", true),
		key("k3", "SYSTEM_MANAGED", "2025-01-01T00:00:00Z", false),
	])
}
