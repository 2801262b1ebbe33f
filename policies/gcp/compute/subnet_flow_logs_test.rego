package incloud.gcp.compute.subnet_flow_logs_test

import data.incloud.gcp.compute.subnet_flow_logs as check

subnet(purpose, flow) := {"resources": {"gcp_compute_subnetwork": [{"id": "s", "name": "app", "region": "europe-west1", "purpose": purpose, "flow_logs": flow}]}}

full := {"enable": true, "aggregation_interval": "INTERVAL_5_SEC", "flow_sampling": 1, "metadata": "INCLUDE_ALL_METADATA", "filter_expr": "true"}

test_fails_when_off if {
	check.deny == {{"resource_id": "s", "message": "subnet app in europe-west1: flow logs are off"}} with input as subnet("PRIVATE", {"enable": false, "aggregation_interval": null, "flow_sampling": null, "metadata": null, "filter_expr": null})
}

test_fails_when_sampled if {
	check.deny == {{"resource_id": "s", "message": "subnet app in europe-west1: flow logs sample 0.5 of flows, not all"}} with input as subnet("PRIVATE", object.union(full, {"flow_sampling": 0.5}))
}

test_fails_for_long_interval if {
	count(check.deny) == 1 with input as subnet("PRIVATE", object.union(full, {"aggregation_interval": "INTERVAL_10_MIN"}))
}

test_fails_for_filter if {
	count(check.deny) == 1 with input as subnet("PRIVATE", object.union(full, {"filter_expr": "inIpRange(connection.src_ip, '10.0.0.0/8')"}))
}

test_passes_with_cis_settings if {
	count(check.deny) == 0 with input as subnet("PRIVATE", full)
}

test_passes_for_proxy_only_subnet if {
	count(check.deny) == 0 with input as subnet("REGIONAL_MANAGED_PROXY", {"enable": false})
}
