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

test_null_not_denied if {
	count(default_encryption.deny) == 0 with input as {"resources": {"aws_region": [region("eu-west-1", "opt-in-not-required", null)]}}
}
