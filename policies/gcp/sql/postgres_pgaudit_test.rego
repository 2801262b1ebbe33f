package incloud.gcp.sql.postgres_pgaudit_test

import data.incloud.gcp.sql.postgres_pgaudit as check

inst(version, flags) := {"resources": {"gcp_sql_instance": [{"id": "i", "name": "db", "database_version": version, "database_flags": flags}]}}

test_fails_for_bad_value if {
	check.deny == {{"resource_id": "i", "message": "PostgreSQL instance db: cloudsql.enable_pgaudit is off, want on"}} with input as inst("POSTGRES_15", [{"name": "cloudsql.enable_pgaudit", "value": "off"}])
}

test_passes_for_good_value if {
	count(check.deny) == 0 with input as inst("POSTGRES_15", [{"name": "cloudsql.enable_pgaudit", "value": "on"}])
}

test_passes_for_other_engines if {
	count(check.deny) == 0 with input as inst("MYSQL_8_0", [{"name": "cloudsql.enable_pgaudit", "value": "off"}])
}

test_fails_when_unset if {
	check.deny == {{"resource_id": "i", "message": "PostgreSQL instance db: cloudsql.enable_pgaudit is not set, want on"}} with input as inst("POSTGRES_15", [])
}

test_other_engines_pass_with_reason if {
	check.pass == {{"resource_id": "i", "message": "Cloud SQL instance db runs MYSQL_8_0, not PostgreSQL: cloudsql.enable_pgaudit does not apply"}} with input as inst("MYSQL_8_0", [])
	count(check.pass) == 0 with input as inst("POSTGRES_15", [])
}
