package incloud.aws.cloudtrail.log_validation_test

import data.incloud.aws.cloudtrail.log_validation
import data.incloud.lib.aws.fixtures_test as fx

snapshot(trails) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {"aws_cloudtrail_trail": trails}}

test_passes_with_validation if {
	count(log_validation.deny) == 0 with input as snapshot([fx.trail({})])
}

test_fails_without_validation if {
	t := fx.trail({"log_file_validation_enabled": false})
	log_validation.deny == {{
		"resource_id": t.id,
		"message": "trail main does not have log file validation enabled: changes to its log files would go unnoticed",
	}} with input as snapshot([t, fx.trail({"id": "other", "name": "other"})])
}
