package incloud.gcp.compute.instance_default_sa_test

import data.incloud.gcp.compute.instance_default_sa as check

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

test_fails_for_default_sa if {
	check.deny == {{"resource_id": "i", "message": "VM web-1 in europe-west1-b runs as the default service account 412345678901-compute@developer.gserviceaccount.com"}} with input as snap([inst(default_sa([]))])
}

test_passes_for_own_sa if {
	count(check.deny) == 0 with input as snap([inst({})])
}

test_passes_for_gke_node if {
	count(check.deny) == 0 with input as snap([inst(object.union(default_sa([]), gke))])
}
