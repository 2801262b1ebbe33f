package incloud.gcp.compute.disk_csek_test

import data.incloud.gcp.compute.disk_csek as check

disk(enc) := {"resources": {"gcp_compute_disk": [{"id": "d", "name": "web-1", "region": "europe-west1", "encryption": enc}]}}

test_fails_for_google_managed if {
	check.deny == {{"resource_id": "d", "message": "disk web-1 in europe-west1 is encrypted with a google-managed key, not a customer-supplied one"}} with input as disk("google-managed")
}

test_fails_for_cmek if {
	count(check.deny) == 1 with input as disk("customer-managed")
}

test_passes_for_csek if {
	count(check.deny) == 0 with input as disk("customer-supplied")
}
