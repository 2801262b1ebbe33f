package incloud.gcp.compute.firewall_rdp_test

import data.incloud.gcp.compute.firewall_rdp as check

rule(ranges, allowed, disabled) := {"resources": {"gcp_compute_firewall": [{"id": "r", "name": "allow", "direction": "INGRESS", "disabled": disabled, "source_ranges": ranges, "allowed": allowed}]}}

test_fails_for_world_port if {
	check.deny == {{"resource_id": "r", "message": "firewall rule allow allows RDP (tcp/3389) from 0.0.0.0/0"}} with input as rule(["10.0.0.0/8", "0.0.0.0/0"], [{"ip_protocol": "tcp", "ports": ["3389"]}], false)
}

test_fails_for_all_protocols if {
	count(check.deny) == 1 with input as rule(["::/0"], [{"ip_protocol": "all", "ports": []}], false)
}

test_passes_for_narrow_source if {
	count(check.deny) == 0 with input as rule(["35.235.240.0/20"], [{"ip_protocol": "tcp", "ports": ["3389"]}], false)
}

test_passes_for_other_port_and_disabled_rule if {
	count(check.deny) == 0 with input as rule(["0.0.0.0/0"], [{"ip_protocol": "tcp", "ports": ["443"]}], false)
	count(check.deny) == 0 with input as rule(["0.0.0.0/0"], [{"ip_protocol": "tcp", "ports": ["3389"]}], true)
}
