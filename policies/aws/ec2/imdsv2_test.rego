package incloud.aws.ec2.imdsv2_test

import data.incloud.aws.ec2.imdsv2

instance(id, name, tokens, endpoint) := {
	"id": sprintf("arn:aws:ec2:eu-west-1:123456789012:instance/%s", [id]),
	"name": name,
	"region": "eu-west-1",
	"tags": {},
	"instance_id": id,
	"image_id": "ami-1",
	"state": "running",
	"vpc_id": "vpc-1",
	"public_ip_address": null,
	"iam_instance_profile_arn": null,
	"metadata_options": {"http_tokens": tokens, "http_endpoint": endpoint, "http_put_response_hop_limit": 1},
}

test_pass_required if {
	count(imdsv2.deny) == 0 with input as {"resources": {"aws_ec2_instance": [instance("i-1", "web", "required", "enabled")]}}
}

test_pass_endpoint_disabled if {
	count(imdsv2.deny) == 0 with input as {"resources": {"aws_ec2_instance": [instance("i-1", "web", "optional", "disabled")]}}
}

test_fail_optional if {
	imdsv2.deny == {
		{
			"resource_id": "arn:aws:ec2:eu-west-1:123456789012:instance/i-1",
			"message": "instance i-1 (web) accepts IMDSv1: its metadata service is enabled with session tokens optional, not required",
		},
		{
			"resource_id": "arn:aws:ec2:eu-west-1:123456789012:instance/i-2",
			"message": "instance i-2 accepts IMDSv1: its metadata service is enabled with session tokens optional, not required",
		},
	} with input as {"resources": {"aws_ec2_instance": [
		instance("i-1", "web", "optional", "enabled"),
		instance("i-2", "i-2", "optional", "enabled"),
		instance("i-3", "db", "required", "enabled"),
	]}}
}

test_null_metadata_options_not_denied if {
	inst := object.union(instance("i-1", "web", "optional", "enabled"), {"metadata_options": null})
	count(imdsv2.deny) == 0 with input as {"resources": {"aws_ec2_instance": [inst]}}
}
