package incloud.gcp.compute.legacy_network_test

import data.incloud.gcp.compute.legacy_network as check

test_fails_for_legacy if {
	check.deny == {{"resource_id": "n", "message": "network old is a legacy network"}} with input as {"resources": {"gcp_compute_network": [{"id": "n", "name": "old", "subnet_mode": "legacy"}]}}
}

test_passes_for_custom if {
	count(check.deny) == 0 with input as {"resources": {"gcp_compute_network": [{"id": "n", "name": "prod", "subnet_mode": "custom"}]}}
}
