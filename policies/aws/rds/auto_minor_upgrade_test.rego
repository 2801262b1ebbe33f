package incloud.aws.rds.auto_minor_upgrade_test

import data.incloud.aws.rds.auto_minor_upgrade

db(name, auto) := {
	"id": sprintf("arn:aws:rds:eu-west-1:123456789012:db:%s", [name]),
	"name": name,
	"region": "eu-west-1",
	"tags": {},
	"engine": "mysql",
	"engine_version": "8.0.36",
	"auto_minor_version_upgrade": auto,
}

test_pass_enabled if {
	count(auto_minor_upgrade.deny) == 0 with input as {"resources": {"aws_rds_db_instance": [db("app", true)]}}
}

test_fail_disabled if {
	auto_minor_upgrade.deny == {{
		"resource_id": "arn:aws:rds:eu-west-1:123456789012:db:app",
		"message": "DB instance app (mysql 8.0.36) does not apply minor engine upgrades automatically",
	}} with input as {"resources": {"aws_rds_db_instance": [db("app", false)]}}
}

test_null_not_denied if {
	count(auto_minor_upgrade.deny) == 0 with input as {"resources": {"aws_rds_db_instance": [db("app", null)]}}
}
