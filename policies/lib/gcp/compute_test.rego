package incloud.lib.gcp.compute_test

import data.incloud.lib.gcp.compute

test_gke_node if {
	compute.gke_node({"tags": {"goog-gke-node": ""}})
	not compute.gke_node({"tags": {"team": "web"}})
}

test_default_service_account if {
	compute.default_service_account("412345678901-compute@developer.gserviceaccount.com")
	not compute.default_service_account("web@acme-prod.iam.gserviceaccount.com")
}

test_flags if {
	compute.flag_true({"k": "TRUE"}, "k")
	compute.flag_true({"k": "yes"}, "k")
	not compute.flag_true({"k": "false"}, "k")
	not compute.flag_true({}, "k")
	compute.flag_false({"k": "False"}, "k")
}

test_effective_true if {
	compute.effective_true({}, {"k": "true"}, "k")
	compute.effective_true({"k": "true"}, {}, "k")
	not compute.effective_true({"k": "false"}, {"k": "true"}, "k")
	not compute.effective_true({}, {}, "k")
}

rule(ranges, allowed) := {"direction": "INGRESS", "disabled": false, "source_ranges": ranges, "allowed": allowed}

test_world_ssh if {
	r := rule(["0.0.0.0/0"], [{"ip_protocol": "tcp", "ports": ["20-25"]}])
	compute.open_to_world(r)
	compute.allows_tcp_port(r, 22)
	not compute.allows_tcp_port(r, 3389)
}

test_all_protocols_all_ports if {
	compute.allows_tcp_port(rule(["::/0"], [{"ip_protocol": "all", "ports": []}]), 3389)
}

test_not_open if {
	not compute.open_to_world(rule(["35.235.240.0/20"], []))
	not compute.open_to_world({"direction": "INGRESS", "disabled": true, "source_ranges": ["0.0.0.0/0"]})
	not compute.open_to_world({"direction": "EGRESS", "disabled": false, "source_ranges": ["0.0.0.0/0"]})
	not compute.allows_tcp_port(rule(["0.0.0.0/0"], [{"ip_protocol": "udp", "ports": ["22"]}]), 22)
}
