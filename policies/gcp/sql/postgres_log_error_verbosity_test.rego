package incloud.gcp.sql.postgres_log_error_verbosity_test

import data.incloud.gcp.sql.postgres_log_error_verbosity as check

inst(version, flags) := {"resources": {"gcp_sql_instance": [{"id": "i", "name": "db", "database_version": version, "database_flags": flags}]}}

test_fails_for_bad_value if {
	check.deny == {{"resource_id": "i", "message": "PostgreSQL instance db: log_error_verbosity is verbose, want default or terse"}} with input as inst("POSTGRES_15", [{"name": "log_error_verbosity", "value": "verbose"}])
}

test_passes_for_good_value if {
	count(check.deny) == 0 with input as inst("POSTGRES_15", [{"name": "log_error_verbosity", "value": "default"}])
}

test_passes_for_other_engines if {
	count(check.deny) == 0 with input as inst("MYSQL_8_0", [{"name": "log_error_verbosity", "value": "verbose"}])
}

test_passes_when_unset if {
	count(check.deny) == 0 with input as inst("POSTGRES_15", [])
}

test_other_engines_pass_with_reason if {
	check.pass == {{"resource_id": "i", "message": "Cloud SQL instance db runs MYSQL_8_0, not PostgreSQL: log_error_verbosity does not apply"}} with input as inst("MYSQL_8_0", [])
	count(check.pass) == 0 with input as inst("POSTGRES_15", [])
}
