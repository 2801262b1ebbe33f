package incloud.gcp.compute.lb_logging_test

import data.incloud.gcp.compute.lb_logging as check

snap(protocol, logging) := {"resources": {"gcp_compute_backend_service": [{"id": "b", "name": "web", "protocol": protocol, "logging_enabled": logging}]}}

test_fails_without_logging if {
	check.deny == {{"resource_id": "b", "message": "backend service web (HTTPS) does not log requests"}} with input as snap("HTTPS", false)
}

test_passes_with_logging if {
	count(check.deny) == 0 with input as snap("HTTP", true)
}

test_passes_for_tcp if {
	count(check.deny) == 0 with input as snap("TCP", false)
}
