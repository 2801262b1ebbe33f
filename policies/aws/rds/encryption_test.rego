package incloud.aws.rds.encryption_test

import data.incloud.aws.rds.encryption

db(name, encrypted) := {
	"id": sprintf("arn:aws:rds:eu-west-1:123456789012:db:%s", [name]),
	"name": name,
	"region": "eu-west-1",
	"tags": {},
	"engine": "postgres",
	"engine_version": "16.3",
	"storage_encrypted": encrypted,
	"kms_key_id": null,
}

test_pass_encrypted if {
	count(encryption.deny) == 0 with input as {"resources": {"aws_rds_db_instance": [db("orders", true)]}}
}

test_fail_unencrypted if {
	encryption.deny == {{
		"resource_id": "arn:aws:rds:eu-west-1:123456789012:db:legacy",
		"message": "DB instance legacy (postgres) does not encrypt its storage at rest",
	}} with input as {"resources": {"aws_rds_db_instance": [db("orders", true), db("legacy", false)]}}
}

test_null_not_denied if {
	count(encryption.deny) == 0 with input as {"resources": {"aws_rds_db_instance": [db("orders", null)]}}
}
