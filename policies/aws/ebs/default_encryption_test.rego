package incloud.aws.ebs.default_encryption_test

import data.incloud.aws.ebs.default_encryption

region(name, opt_in, by_default) := {
	"id": sprintf("arn:aws:ec2:%s:123456789012:region/%s", [name, name]),
	"name": name,
	"region": name,
	"tags": {},
	"opt_in_status": opt_in,
	"ebs_encryption_by_default": by_default,
	"ebs_default_kms_key_id": null,
}

test_pass_enabled if {
	count(default_encryption.deny) == 0 with input as {"resources": {"aws_region": [region("eu-west-1", "opt-in-not-required", true)]}}
}

test_fail_disabled if {
	default_encryption.deny == {{
		"resource_id": "arn:aws:ec2:af-south-1:123456789012:region/af-south-1",
		"message": "region af-south-1 does not encrypt new EBS volumes by default",
	}} with input as {"resources": {"aws_region": [
		region("eu-west-1", "opt-in-not-required", true),
		region("af-south-1", "opted-in", false),
	]}}
}

test_pass_not_opted_in if {
	count(default_encryption.deny) == 0 with input as {"resources": {"aws_region": [region("me-south-1", "not-opted-in", false)]}}
}

test_null_is_undecided if {
	inp := {"resources": {"aws_region": [region("eu-west-1", "opt-in-not-required", null), region("me-south-1", "not-opted-in", null)]}}
	count(default_encryption.deny) == 0 with input as inp
	default_encryption.unknown == {{
		"resource_id": "arn:aws:ec2:eu-west-1:123456789012:region/eu-west-1",
		"message": "region eu-west-1: ebs_encryption_by_default is null, with no collection error recorded for it",
	}} with input as inp
}

test_pass_messages if {
	keyed := object.union(region("us-east-1", "opt-in-not-required", true), {"ebs_default_kms_key_id": "alias/ebs"})
	default_encryption.pass == {
		{"resource_id": "arn:aws:ec2:eu-west-1:123456789012:region/eu-west-1", "message": "region eu-west-1 encrypts new EBS volumes by default"},
		{"resource_id": keyed.id, "message": "region us-east-1 encrypts new EBS volumes by default with KMS key alias/ebs"},
		{"resource_id": "arn:aws:ec2:me-south-1:123456789012:region/me-south-1", "message": "region me-south-1 is not enabled for the account"},
	} with input as {"resources": {"aws_region": [
		region("eu-west-1", "opt-in-not-required", true),
		keyed,
		region("me-south-1", "not-opted-in", null),
		region("af-south-1", "opted-in", false),
	]}}
}
