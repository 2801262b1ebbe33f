package incloud.gcp.apikeys.none_test

import data.incloud.gcp.apikeys.none as check

snap(keys) := {"resources": {"gcp_project": [{"id": "p", "project_id": "p1"}], "gcp_apikeys_key": keys}}

test_fails_with_keys if {
	check.deny == {{"resource_id": "p", "message": "project p1 has 1 API key(s): maps"}} with input as snap([{"id": "k", "name": "maps"}])
}

test_passes_without_keys if {
	count(check.deny) == 0 with input as snap([])
}
