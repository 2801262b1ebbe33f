package incloud.aws.ec2.public_ebs_snapshot_test

import data.incloud.aws.ec2.public_ebs_snapshot

snap(id, name, public) := {
	"id": sprintf("arn:aws:ec2:eu-west-1::snapshot/%s", [id]),
	"name": name,
	"region": "eu-west-1",
	"tags": {},
	"snapshot_id": id,
	"volume_id": "vol-0abc",
	"encrypted": false,
	"public": public,
}

test_pass_private if {
	count(public_ebs_snapshot.deny) == 0 with input as {"resources": {"aws_ec2_snapshot": [snap("snap-1", "snap-1", false)]}}
}

test_fail_public if {
	public_ebs_snapshot.deny == {{
		"resource_id": "arn:aws:ec2:eu-west-1::snapshot/snap-2",
		"message": "EBS snapshot snap-2 (db-backup) of volume vol-0abc is public: any AWS account can create a volume from it",
	}} with input as {"resources": {"aws_ec2_snapshot": [snap("snap-1", "snap-1", false), snap("snap-2", "db-backup", true)]}}
}

test_null_not_denied if {
	count(public_ebs_snapshot.deny) == 0 with input as {"resources": {"aws_ec2_snapshot": [snap("snap-1", "snap-1", null)]}}
	count(public_ebs_snapshot.unknown) == 1 with input as {"resources": {"aws_ec2_snapshot": [snap("snap-1", "snap-1", null)]}}
	count(public_ebs_snapshot.unknown) == 0 with input as {"resources": {"aws_ec2_snapshot": [snap("snap-1", "snap-1", false)]}}
}
