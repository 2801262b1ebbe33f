package incloud.gcp.dns.logging_test

import data.incloud.gcp.dns.logging as check

net := {"id": "n", "name": "prod", "self_link": "https://www.googleapis.com/compute/v1/projects/p1/global/networks/prod"}

snap(policies) := {"resources": {"gcp_compute_network": [net], "gcp_dns_policy": policies}}

test_fails_without_policy if {
	check.deny == {{"resource_id": "n", "message": "VPC network prod has no DNS policy with logging enabled"}} with input as snap([{"enable_logging": false, "networks": [net.self_link]}])
}

test_passes_with_logging_policy if {
	count(check.deny) == 0 with input as snap([{"enable_logging": true, "networks": [net.self_link]}])
}
