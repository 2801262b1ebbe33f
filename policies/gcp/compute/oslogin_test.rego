package incloud.gcp.compute.oslogin_test

import data.incloud.gcp.compute.oslogin as check

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

test_fails_without_project_flag if {
	check.deny == {{"resource_id": "p", "message": "project p1 does not enable OS Login in its metadata"}} with input as proj({}, [])
}

test_fails_for_instance_override if {
	check.deny == {{"resource_id": "p", "message": "VMs turn OS Login off: web-1"}} with input as proj({"enable-oslogin": "TRUE"}, [inst({"metadata": {"enable-oslogin": "FALSE"}})])
}

test_passes_when_enabled if {
	count(check.deny) == 0 with input as proj({"enable-oslogin": "true"}, [inst({})])
}
