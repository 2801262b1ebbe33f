package incloud.gcp.compute.instance_serial_port_test

import data.incloud.gcp.compute.instance_serial_port as check

inst(over) := object.union({
	"id": "i",
	"name": "web-1",
	"region": "europe-west1",
	"zone": "europe-west1-b",
	"tags": {},
	"service_accounts": [{"email": "app@p1.iam.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}],
	"metadata": {},
	"can_ip_forward": false,
	"shielded_instance_config": {"enable_secure_boot": true, "enable_vtpm": true, "enable_integrity_monitoring": true},
	"confidential_compute": true,
	"network_interfaces": [{"network": "n", "subnetwork": "s", "access_configs": [], "ipv6_access_configs": []}],
}, over)

snap(instances) := {"resources": {"gcp_compute_instance": instances, "gcp_project": [{"id": "p", "project_id": "p1", "compute_metadata": {}}]}}

gke := {"tags": {"goog-gke-node": ""}}

default_sa(scopes) := {"service_accounts": [{"email": "412345678901-compute@developer.gserviceaccount.com", "scopes": scopes}]}

proj(md, instances) := {"resources": {"gcp_project": [{"id": "p", "project_id": "p1", "compute_metadata": md}], "gcp_compute_instance": instances}}

test_fails_when_enabled_on_vm if {
	check.deny == {{"resource_id": "i", "message": "VM web-1 in europe-west1-b accepts interactive serial port connections"}} with input as proj({}, [inst({"metadata": {"serial-port-enable": "true"}})])
}

test_fails_when_inherited if {
	count(check.deny) == 1 with input as proj({"serial-port-enable": "1"}, [inst({})])
}

test_passes_when_vm_overrides if {
	count(check.deny) == 0 with input as proj({"serial-port-enable": "true"}, [inst({"metadata": {"serial-port-enable": "false"}})])
}

test_passes_when_unset if {
	count(check.deny) == 0 with input as proj({}, [inst({})])
}
