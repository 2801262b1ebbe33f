package incloud.gcp.sql.postgres_log_disconnections_test

import data.incloud.gcp.sql.postgres_log_disconnections as check

inst(version, flags) := {"resources": {"gcp_sql_instance": [{"id": "i", "name": "db", "database_version": version, "database_flags": flags}]}}

test_fails_for_bad_value if {
	check.deny == {{"resource_id": "i", "message": "PostgreSQL instance db: log_disconnections is off, want on"}} with input as inst("POSTGRES_15", [{"name": "log_disconnections", "value": "off"}])
}

test_passes_for_good_value if {
	count(check.deny) == 0 with input as inst("POSTGRES_15", [{"name": "log_disconnections", "value": "on"}])
}

test_passes_for_other_engines if {
	count(check.deny) == 0 with input as inst("MYSQL_8_0", [{"name": "log_disconnections", "value": "off"}])
}

test_fails_when_unset if {
	check.deny == {{"resource_id": "i", "message": "PostgreSQL instance db: log_disconnections is not set, want on"}} with input as inst("POSTGRES_15", [])
}

test_other_engines_pass_with_reason if {
	check.pass == {{"resource_id": "i", "message": "Cloud SQL instance db runs MYSQL_8_0, not PostgreSQL: log_disconnections does not apply"}} with input as inst("MYSQL_8_0", [])
	count(check.pass) == 0 with input as inst("POSTGRES_15", [])
}
