package incloud.gcp.sql.mysql_local_infile_test

import data.incloud.gcp.sql.mysql_local_infile as check

inst(version, flags) := {"resources": {"gcp_sql_instance": [{"id": "i", "name": "db", "database_version": version, "database_flags": flags}]}}

test_fails_for_bad_value if {
	check.deny == {{"resource_id": "i", "message": "MySQL instance db: local_infile is on, want off"}} with input as inst("MYSQL_8_0", [{"name": "local_infile", "value": "on"}])
}

test_passes_for_good_value if {
	count(check.deny) == 0 with input as inst("MYSQL_8_0", [{"name": "local_infile", "value": "off"}])
}

test_passes_for_other_engines if {
	count(check.deny) == 0 with input as inst("POSTGRES_15", [{"name": "local_infile", "value": "on"}])
}

test_fails_when_unset if {
	check.deny == {{"resource_id": "i", "message": "MySQL instance db: local_infile is not set, want off"}} with input as inst("MYSQL_8_0", [])
}

test_other_engines_pass_with_reason if {
	check.pass == {{"resource_id": "i", "message": "Cloud SQL instance db runs POSTGRES_15, not MySQL: local_infile does not apply"}} with input as inst("POSTGRES_15", [])
	count(check.pass) == 0 with input as inst("MYSQL_8_0", [])
}
