package incloud.gcp.compute.instance_ip_forwarding_test

import data.incloud.gcp.compute.instance_ip_forwarding as check

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

test_fails_when_forwarding if {
	check.deny == {{"resource_id": "i", "message": "VM web-1 in europe-west1-b has IP forwarding enabled"}} with input as snap([inst({"can_ip_forward": true})])
}

test_passes_otherwise if {
	count(check.deny) == 0 with input as snap([inst({}), inst(object.union(gke, {"can_ip_forward": true}))])
}
