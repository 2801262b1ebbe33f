package incloud.gcp.apikeys.rotation_test

import data.incloud.gcp.apikeys.rotation as check

key(created) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {"gcp_apikeys_key": [{"id": "k", "name": "maps", "create_time": created}]}}

test_fails_for_old_key if {
	check.deny == {{"resource_id": "k", "message": "API key maps was created 537 days ago"}} with input as key("2025-06-01T00:00:00Z")
}

test_passes_for_recent_key if {
	count(check.deny) == 0 with input as key("2026-10-01T00:00:00Z")
}
