package incloud.aws.rds.public_access_test

import data.incloud.aws.rds.public_access

db(name, public) := {
	"id": sprintf("arn:aws:rds:eu-west-1:123456789012:db:%s", [name]),
	"name": name,
	"region": "eu-west-1",
	"tags": {},
	"engine": "postgres",
	"publicly_accessible": public,
}

test_pass_private if {
	count(public_access.deny) == 0 with input as {"resources": {"aws_rds_db_instance": [db("orders", false)]}}
}

test_fail_public if {
	public_access.deny == {{
		"resource_id": "arn:aws:rds:eu-west-1:123456789012:db:reporting",
		"message": "DB instance reporting (postgres) is publicly accessible: its endpoint resolves to a public IP address",
	}} with input as {"resources": {"aws_rds_db_instance": [db("orders", false), db("reporting", true)]}}
}

test_null_not_denied if {
	count(public_access.deny) == 0 with input as {"resources": {"aws_rds_db_instance": [db("orders", null)]}}
}
