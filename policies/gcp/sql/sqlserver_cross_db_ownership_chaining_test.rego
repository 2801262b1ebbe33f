package incloud.gcp.sql.sqlserver_cross_db_ownership_chaining_test

import data.incloud.gcp.sql.sqlserver_cross_db_ownership_chaining as check

inst(version, flags) := {"resources": {"gcp_sql_instance": [{"id": "i", "name": "db", "database_version": version, "database_flags": flags}]}}

test_fails_for_bad_value if {
	check.deny == {{"resource_id": "i", "message": "SQL Server instance db: cross db ownership chaining is on, want off"}} with input as inst("SQLSERVER_2019_STANDARD", [{"name": "cross db ownership chaining", "value": "on"}])
}

test_passes_for_good_value if {
	count(check.deny) == 0 with input as inst("SQLSERVER_2019_STANDARD", [{"name": "cross db ownership chaining", "value": "off"}])
}

test_passes_for_other_engines if {
	count(check.deny) == 0 with input as inst("MYSQL_8_0", [{"name": "cross db ownership chaining", "value": "on"}])
}

test_passes_when_unset if {
	count(check.deny) == 0 with input as inst("SQLSERVER_2019_STANDARD", [])
}

test_other_engines_pass_with_reason if {
	check.pass == {{"resource_id": "i", "message": "Cloud SQL instance db runs MYSQL_8_0, not SQL Server: cross db ownership chaining does not apply"}} with input as inst("MYSQL_8_0", [])
	count(check.pass) == 0 with input as inst("SQLSERVER_2019_STANDARD", [])
}
