package incloud.gcp.bigquery.dataset_cmek_test

import data.incloud.gcp.bigquery.dataset_cmek as check

ds(key) := {"resources": {"gcp_bigquery_dataset": [{"id": "d", "dataset_id": "analytics", "default_kms_key_name": key}]}}

test_fails_without_key if {
	check.deny == {{"resource_id": "d", "message": "dataset analytics has no default customer-managed key"}} with input as ds(null)
}

test_passes_with_key if {
	count(check.deny) == 0 with input as ds("projects/p1/locations/eu/keyRings/r/cryptoKeys/k")
}
