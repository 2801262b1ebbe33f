package incloud.aws.rds.public_snapshot_test

import data.incloud.aws.rds.public_snapshot

snap(name, public) := {
	"id": sprintf("arn:aws:rds:eu-west-1:123456789012:snapshot:%s", [name]),
	"name": name,
	"region": "eu-west-1",
	"tags": {},
	"db_instance_identifier": "orders",
	"encrypted": false,
	"public": public,
}

test_pass_private if {
	count(public_snapshot.deny) == 0 with input as {"resources": {"aws_rds_db_snapshot": [snap("nightly", false)]}}
}

test_fail_public if {
	public_snapshot.deny == {{
		"resource_id": "arn:aws:rds:eu-west-1:123456789012:snapshot:shared",
		"message": "DB snapshot shared (of DB instance orders) is public: any AWS account can restore it",
	}} with input as {"resources": {"aws_rds_db_snapshot": [snap("nightly", false), snap("shared", true)]}}
}

test_null_not_denied if {
	count(public_snapshot.deny) == 0 with input as {"resources": {"aws_rds_db_snapshot": [snap("nightly", null)]}}
	count(public_snapshot.unknown) == 1 with input as {"resources": {"aws_rds_db_snapshot": [snap("nightly", null)]}}
	count(public_snapshot.unknown) == 0 with input as {"resources": {"aws_rds_db_snapshot": [snap("nightly", false)]}}
}
