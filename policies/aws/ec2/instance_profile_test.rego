package incloud.aws.ec2.instance_profile_test

import data.incloud.aws.ec2.instance_profile

snapshot(instances) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_ec2_instance": instances}}

instance(id, name, profile) := {
	"id": sprintf("arn:aws:ec2:eu-west-1:111122223333:instance/%s", [id]),
	"name": name,
	"region": "eu-west-1",
	"instance_id": id,
	"iam_instance_profile_arn": profile,
}

test_fails_without_profile if {
	d := instance_profile.deny with input as snapshot([
		instance("i-0aaa", "web-1", null),
		instance("i-0bbb", "web-2", "arn:aws:iam::111122223333:instance-profile/web"),
	])
	d == {{
		"resource_id": "arn:aws:ec2:eu-west-1:111122223333:instance/i-0aaa",
		"message": "EC2 instance web-1 in eu-west-1 has no IAM instance profile",
	}}
}

test_passes_with_profile if {
	count(instance_profile.deny) == 0 with input as snapshot([instance("i-0bbb", "web-2", "arn:aws:iam::111122223333:instance-profile/web")])
}

test_passes_without_instances if {
	count(instance_profile.deny) == 0 with input as snapshot([])
}
