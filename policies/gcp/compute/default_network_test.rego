package incloud.gcp.compute.default_network_test

import data.incloud.gcp.compute.default_network as check

test_fails_for_default if {
	check.deny == {{"resource_id": "n", "message": "the default network exists (auto mode)"}} with input as {"resources": {"gcp_compute_network": [{"id": "n", "name": "default", "subnet_mode": "auto"}]}}
}

test_passes_for_other_names if {
	count(check.deny) == 0 with input as {"resources": {"gcp_compute_network": [{"id": "n", "name": "prod-vpc", "subnet_mode": "custom"}]}}
}
