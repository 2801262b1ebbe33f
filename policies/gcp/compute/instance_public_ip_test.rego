package incloud.gcp.compute.instance_public_ip_test

import data.incloud.gcp.compute.instance_public_ip as check

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

test_fails_with_access_config if {
	check.deny == {{"resource_id": "i", "message": "VM web-1 in europe-west1-b has an external IP address"}} with input as snap([inst({"network_interfaces": [{"network": "n", "access_configs": [{"name": "External NAT", "nat_ip": "203.0.113.10"}], "ipv6_access_configs": []}]})])
}

test_fails_with_ipv6 if {
	count(check.deny) == 1 with input as snap([inst({"network_interfaces": [{"network": "n", "access_configs": [], "ipv6_access_configs": [{"name": "External IPv6", "external_ipv6": "2001:db8::1"}]}]})])
}

test_passes_without if {
	count(check.deny) == 0 with input as snap([inst({}), inst(object.union(gke, {"network_interfaces": [{"network": "n", "access_configs": [{"name": "nat", "nat_ip": null}], "ipv6_access_configs": []}]}))])
}
