package incloud.gcp.bigquery.table_cmek_test

import data.incloud.gcp.bigquery.table_cmek as check

tbl(type, key) := {"resources": {"gcp_bigquery_table": [{"id": "t", "name": "events", "dataset_id": "analytics", "table_type": type, "kms_key_name": key}]}}

test_fails_without_key if {
	check.deny == {{"resource_id": "t", "message": "table analytics.events is not encrypted with a customer-managed key"}} with input as tbl("TABLE", null)
}

test_passes_with_key_and_for_views if {
	count(check.deny) == 0 with input as tbl("TABLE", "projects/p1/locations/eu/keyRings/r/cryptoKeys/k")
	count(check.deny) == 0 with input as tbl("VIEW", null)
}
