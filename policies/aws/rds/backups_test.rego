package incloud.aws.rds.backups_test

import data.incloud.aws.rds.backups

db(name, days) := {
	"id": sprintf("arn:aws:rds:eu-west-1:123456789012:db:%s", [name]),
	"name": name,
	"region": "eu-west-1",
	"tags": {},
	"backup_retention_period": days,
}

test_pass_seven_days if {
	count(backups.deny) == 0 with input as {"resources": {"aws_rds_db_instance": [db("a", 7), db("b", 35)]}}
}

test_fail_short_retention if {
	backups.deny == {{
		"resource_id": "arn:aws:rds:eu-west-1:123456789012:db:a",
		"message": "DB instance a keeps automated backups for 6 days only (at least 7 required)",
	}} with input as {"resources": {"aws_rds_db_instance": [db("a", 6)]}}
}

test_fail_one_day if {
	backups.deny == {{
		"resource_id": "arn:aws:rds:eu-west-1:123456789012:db:a",
		"message": "DB instance a keeps automated backups for 1 day only (at least 7 required)",
	}} with input as {"resources": {"aws_rds_db_instance": [db("a", 1)]}}
}

test_fail_backups_off if {
	backups.deny == {{
		"resource_id": "arn:aws:rds:eu-west-1:123456789012:db:a",
		"message": "DB instance a has automated backups turned off (retention 0 days; at least 7 required)",
	}} with input as {"resources": {"aws_rds_db_instance": [db("a", 0)]}}
}

test_null_not_denied if {
	count(backups.deny) == 0 with input as {"resources": {"aws_rds_db_instance": [db("a", null)]}}
}
