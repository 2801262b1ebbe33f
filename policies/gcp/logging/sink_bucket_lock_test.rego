package incloud.gcp.logging.sink_bucket_lock_test

import data.incloud.gcp.logging.sink_bucket_lock as check

snap(dest, buckets) := {"resources": {"gcp_logging_sink": [{"id": "s", "name": "audit", "destination": dest}], "gcp_storage_bucket": buckets}}

bucket(retention) := {"name": "logs", "retention_policy": retention}

test_fails_without_retention if {
	check.deny == {{"resource_id": "s", "message": "sink audit exports to bucket logs, which has no retention policy"}} with input as snap("storage.googleapis.com/logs", [bucket(null)])
}

test_fails_when_unlocked if {
	check.deny == {{"resource_id": "s", "message": "sink audit exports to bucket logs, whose retention policy is not locked"}} with input as snap("storage.googleapis.com/logs", [bucket({"retention_period_seconds": 86400, "is_locked": false})])
}

test_passes_when_locked if {
	count(check.deny) == 0 with input as snap("storage.googleapis.com/logs", [bucket({"retention_period_seconds": 86400, "is_locked": true})])
	count(check.unknown) == 0 with input as snap("storage.googleapis.com/logs", [bucket({"retention_period_seconds": 86400, "is_locked": true})])
}

test_passes_for_other_destinations if {
	count(check.deny) == 0 with input as snap("bigquery.googleapis.com/projects/p1/datasets/logs", [])
	count(check.unknown) == 0 with input as snap("bigquery.googleapis.com/projects/p1/datasets/logs", [])
}

test_unknown_bucket_is_unknown if {
	check.unknown == {{"resource_id": "s", "message": "sink audit exports to bucket elsewhere, which is not in the snapshot (another project?)"}} with input as snap("storage.googleapis.com/elsewhere", [])
}
