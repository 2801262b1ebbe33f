package incloud.gcp.sql.sqlserver_remote_access_test

import data.incloud.gcp.sql.sqlserver_remote_access as check

inst(version, flags) := {"resources": {"gcp_sql_instance": [{"id": "i", "name": "db", "database_version": version, "database_flags": flags}]}}

test_fails_for_bad_value if {
	check.deny == {{"resource_id": "i", "message": "SQL Server instance db: remote access is on, want off"}} with input as inst("SQLSERVER_2019_STANDARD", [{"name": "remote access", "value": "on"}])
}

test_passes_for_good_value if {
	count(check.deny) == 0 with input as inst("SQLSERVER_2019_STANDARD", [{"name": "remote access", "value": "off"}])
}

test_passes_for_other_engines if {
	count(check.deny) == 0 with input as inst("MYSQL_8_0", [{"name": "remote access", "value": "on"}])
}

test_fails_when_unset if {
	check.deny == {{"resource_id": "i", "message": "SQL Server instance db: remote access is not set, want off"}} with input as inst("SQLSERVER_2019_STANDARD", [])
}

test_other_engines_pass_with_reason if {
	check.pass == {{"resource_id": "i", "message": "Cloud SQL instance db runs MYSQL_8_0, not SQL Server: remote access does not apply"}} with input as inst("MYSQL_8_0", [])
	count(check.pass) == 0 with input as inst("SQLSERVER_2019_STANDARD", [])
}
