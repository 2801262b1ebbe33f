package incloud.aws.rds.multi_az_test

import data.incloud.aws.rds.multi_az

db(name, engine, multi) := {
	"id": sprintf("arn:aws:rds:eu-west-1:123456789012:db:%s", [name]),
	"name": name,
	"region": "eu-west-1",
	"tags": {},
	"engine": engine,
	"multi_az": multi,
}

test_pass_multi_az if {
	count(multi_az.deny) == 0 with input as {"resources": {"aws_rds_db_instance": [db("orders", "postgres", true)]}}
	count(multi_az.unknown) == 0 with input as {"resources": {"aws_rds_db_instance": [db("orders", "postgres", true)]}}
}

test_fail_single_az if {
	multi_az.deny == {{
		"resource_id": "arn:aws:rds:eu-west-1:123456789012:db:orders",
		"message": "DB instance orders (postgres) runs in a single availability zone, with no Multi-AZ standby",
	}} with input as {"resources": {"aws_rds_db_instance": [db("orders", "postgres", false)]}}
}

test_aurora_unknown if {
	inp := {"resources": {"aws_rds_db_instance": [db("cluster-1", "aurora-postgresql", false)]}}
	count(multi_az.deny) == 0 with input as inp
	{u.resource_id | some u in multi_az.unknown} == {"arn:aws:rds:eu-west-1:123456789012:db:cluster-1"} with input as inp
}

test_null_not_denied if {
	count(multi_az.deny) == 0 with input as {"resources": {"aws_rds_db_instance": [db("orders", "mysql", null)]}}
}
