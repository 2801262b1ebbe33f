package incloud.gcp.iam.sa_user_managed_keys_test

import data.incloud.gcp.iam.sa_user_managed_keys as check

sa(keys) := {"id": "//iam.googleapis.com/projects/p1/serviceAccounts/ci@p1.iam.gserviceaccount.com", "email": "ci@p1.iam.gserviceaccount.com", "keys": keys}

key(id, type) := {"key_id": id, "key_type": type, "valid_after_time": "2026-01-01T00:00:00Z", "disabled": false}

test_fails_with_user_managed_key if {
	check.deny == {{"resource_id": "//iam.googleapis.com/projects/p1/serviceAccounts/ci@p1.iam.gserviceaccount.com", "message": "service account ci@p1.iam.gserviceaccount.com has 1 user-managed key(s): k2"}} with input as {"resources": {"gcp_iam_service_account": [sa([key("k1", "SYSTEM_MANAGED"), key("k2", "USER_MANAGED")])]}}
}

test_passes_with_system_managed_keys_only if {
	count(check.deny) == 0 with input as {"resources": {"gcp_iam_service_account": [sa([key("k1", "SYSTEM_MANAGED")]), sa([])]}}
}
