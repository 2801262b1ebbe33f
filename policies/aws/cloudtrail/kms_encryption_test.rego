package incloud.aws.cloudtrail.kms_encryption_test

import data.incloud.aws.cloudtrail.kms_encryption
import data.incloud.lib.aws.fixtures_test as fx

snapshot(trails) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {"aws_cloudtrail_trail": trails}}

test_passes_with_kms_key if {
	count(kms_encryption.deny) == 0 with input as snapshot([fx.trail({})])
}

test_fails_without_kms_key if {
	t := fx.trail({"kms_key_id": null})
	kms_encryption.deny == {{
		"resource_id": t.id,
		"message": "trail main does not encrypt its log files with a KMS key (SSE-KMS)",
	}} with input as snapshot([t])
}
