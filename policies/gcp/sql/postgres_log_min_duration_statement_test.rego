package incloud.gcp.sql.postgres_log_min_duration_statement_test

import data.incloud.gcp.sql.postgres_log_min_duration_statement as check

inst(version, flags) := {"resources": {"gcp_sql_instance": [{"id": "i", "name": "db", "database_version": version, "database_flags": flags}]}}

test_fails_for_bad_value if {
	check.deny == {{"resource_id": "i", "message": "PostgreSQL instance db: log_min_duration_statement is 0, want -1 (disabled)"}} with input as inst("POSTGRES_15", [{"name": "log_min_duration_statement", "value": "0"}])
}

test_passes_for_good_value if {
	count(check.deny) == 0 with input as inst("POSTGRES_15", [{"name": "log_min_duration_statement", "value": "-1"}])
}

test_passes_for_other_engines if {
	count(check.deny) == 0 with input as inst("MYSQL_8_0", [{"name": "log_min_duration_statement", "value": "0"}])
}

test_passes_when_unset if {
	count(check.deny) == 0 with input as inst("POSTGRES_15", [])
}

test_other_engines_pass_with_reason if {
	check.pass == {{"resource_id": "i", "message": "Cloud SQL instance db runs MYSQL_8_0, not PostgreSQL: log_min_duration_statement does not apply"}} with input as inst("MYSQL_8_0", [])
	count(check.pass) == 0 with input as inst("POSTGRES_15", [])
}
