package incloud.gcp.dataproc.cluster_cmek_test

import data.incloud.gcp.dataproc.cluster_cmek as check

cl(key) := {"resources": {"gcp_dataproc_cluster": [{"id": "c", "name": "etl", "region": "europe-west1", "gce_pd_kms_key_name": key}]}}

test_fails_without_key if {
	check.deny == {{"resource_id": "c", "message": "Dataproc cluster etl in europe-west1 is not encrypted with a customer-managed key"}} with input as cl(null)
}

test_passes_with_key if {
	count(check.deny) == 0 with input as cl("projects/p1/locations/europe-west1/keyRings/r/cryptoKeys/k")
}
