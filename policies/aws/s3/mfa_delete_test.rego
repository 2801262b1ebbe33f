package incloud.aws.s3.mfa_delete_test

import data.incloud.aws.s3.mfa_delete

snapshot(versioning) := {"resources": {"aws_s3_bucket": [{
	"id": "arn:aws:s3:::data",
	"name": "data",
	"region": "eu-west-1",
	"tags": {},
	"versioning": versioning,
}]}}

test_pass_enabled if {
	count(mfa_delete.deny) == 0 with input as snapshot({"status": "Enabled", "mfa_delete": "Enabled"})
}

test_fail_disabled if {
	mfa_delete.deny == {{
		"resource_id": "arn:aws:s3:::data",
		"message": "bucket data does not require MFA to delete object versions (MFA delete disabled, versioning enabled)",
	}} with input as snapshot({"status": "Enabled", "mfa_delete": "Disabled"})
}

test_fail_never_versioned if {
	mfa_delete.deny == {{
		"resource_id": "arn:aws:s3:::data",
		"message": "bucket data does not require MFA to delete object versions (MFA delete never enabled, versioning never enabled)",
	}} with input as snapshot({"status": "", "mfa_delete": ""})
}

test_fail_suspended if {
	mfa_delete.deny == {{
		"resource_id": "arn:aws:s3:::data",
		"message": "bucket data does not require MFA to delete object versions (MFA delete disabled, versioning suspended)",
	}} with input as snapshot({"status": "Suspended", "mfa_delete": "Disabled"})
}

# null versioning could not be read: the engine reports an error, the check does not fail it.
test_null_versioning_not_denied if {
	count(mfa_delete.deny) == 0 with input as snapshot(null)
	count(mfa_delete.unknown) == 1 with input as snapshot(null)
}
