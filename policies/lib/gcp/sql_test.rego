package incloud.lib.gcp.sql_test

import data.incloud.lib.gcp.sql

inst := {"database_version": "POSTGRES_15", "database_flags": [{"name": "log_connections", "value": "On"}]}

test_engine if {
	sql.engine(inst) == "postgres"
	sql.engine({"database_version": "MYSQL_8_0"}) == "mysql"
	sql.engine({"database_version": "SQLSERVER_2019_STANDARD"}) == "sqlserver"
}

test_flag if {
	sql.flag(inst, "log_connections") == "on"
	not sql.flag(inst, "log_disconnections")
	sql.is_set(inst, "log_connections")
	not sql.is_set(inst, "log_disconnections")
}

test_flag_text if {
	sql.flag_text(inst, "log_connections") == "log_connections is on"
	sql.flag_text(inst, "log_statement") == "log_statement is not set"
}

test_level_rank if {
	sql.level_rank("warning") < sql.level_rank("error")
	sql.level_rank("debug5") == 0
}
