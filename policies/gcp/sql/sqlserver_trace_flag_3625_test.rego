package incloud.gcp.sql.sqlserver_trace_flag_3625_test

import data.incloud.gcp.sql.sqlserver_trace_flag_3625 as check

inst(version, flags) := {"resources": {"gcp_sql_instance": [{"id": "i", "name": "db", "database_version": version, "database_flags": flags}]}}

test_fails_for_bad_value if {
	check.deny == {{"resource_id": "i", "message": "SQL Server instance db: 3625 is off, want on"}} with input as inst("SQLSERVER_2019_STANDARD", [{"name": "3625", "value": "off"}])
}

test_passes_for_good_value if {
	count(check.deny) == 0 with input as inst("SQLSERVER_2019_STANDARD", [{"name": "3625", "value": "on"}])
}

test_passes_for_other_engines if {
	count(check.deny) == 0 with input as inst("MYSQL_8_0", [{"name": "3625", "value": "off"}])
}

test_fails_when_unset if {
	check.deny == {{"resource_id": "i", "message": "SQL Server instance db: 3625 is not set, want on"}} with input as inst("SQLSERVER_2019_STANDARD", [])
}

test_other_engines_pass_with_reason if {
	check.pass == {{"resource_id": "i", "message": "Cloud SQL instance db runs MYSQL_8_0, not SQL Server: 3625 does not apply"}} with input as inst("MYSQL_8_0", [])
	count(check.pass) == 0 with input as inst("SQLSERVER_2019_STANDARD", [])
}
