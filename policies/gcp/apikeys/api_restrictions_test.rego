package incloud.gcp.apikeys.api_restrictions_test

import data.incloud.gcp.apikeys.api_restrictions as check

key(targets) := {"resources": {"gcp_apikeys_key": [{"id": "k", "name": "maps", "restrictions": {"api_targets": targets}}]}}

test_fails_without_targets if {
	check.deny == {{"resource_id": "k", "message": "API key maps may call every enabled API (no API restriction)"}} with input as key([])
}

test_fails_for_cloudapis if {
	check.deny == {{"resource_id": "k", "message": "API key maps may call every Google Cloud API (cloudapis.googleapis.com)"}} with input as key([{"service": "cloudapis.googleapis.com", "methods": []}])
}

test_passes_for_specific_api if {
	count(check.deny) == 0 with input as key([{"service": "maps-backend.googleapis.com", "methods": []}])
}
