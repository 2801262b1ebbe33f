package incloud.gcp.compute.instance_block_project_ssh_keys_test

import data.incloud.gcp.compute.instance_block_project_ssh_keys as check

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

test_fails_without_flag if {
	check.deny == {{"resource_id": "i", "message": "VM web-1 in europe-west1-b accepts project-wide SSH keys"}} with input as snap([inst({})])
}

test_fails_when_false if {
	count(check.deny) == 1 with input as snap([inst({"metadata": {"block-project-ssh-keys": "false"}})])
}

test_passes_when_blocked if {
	count(check.deny) == 0 with input as snap([inst({"metadata": {"block-project-ssh-keys": "TRUE"}}), inst(gke)])
}
