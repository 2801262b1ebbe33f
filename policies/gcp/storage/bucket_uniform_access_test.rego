package incloud.gcp.storage.bucket_uniform_access_test

import data.incloud.gcp.storage.bucket_uniform_access as check

test_fails_when_fine_grained if {
	check.deny == {{"resource_id": "b", "message": "bucket uploads uses fine-grained (ACL) access control"}} with input as {"resources": {"gcp_storage_bucket": [{"id": "b", "name": "uploads", "uniform_bucket_level_access": false}]}}
}

test_passes_when_uniform if {
	count(check.deny) == 0 with input as {"resources": {"gcp_storage_bucket": [{"id": "b", "name": "uploads", "uniform_bucket_level_access": true}]}}
}
