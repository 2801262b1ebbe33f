# METADATA
# title: SQL Server instances set trace flag 3625
# description: Every Cloud SQL for SQL Server instance sets the 3625 (trace flag) database flag to on, which masks parameters in error messages for users without sysadmin.
# scope: package
# custom:
#   id: gcp-sql-sqlserver-trace-flag-3625
#   severity: low
#   area: application-security
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.3.6"]
#   remediation: '`gcloud sql instances patch INSTANCE --database-flags=3625=on` (this replaces the whole flag list: repeat the flags already set; some flags restart the instance).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. Without trace flag 3625, error messages can show data values to users who should not see them. Hardening the engine configuration is the customer''s duty.'
#   pass_message: Cloud SQL instance {name} has 3625 on
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.sqlserver_trace_flag_3625

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "sqlserver"
	not acceptable(i)
	msg := sprintf("SQL Server instance %s: %s, want on", [i.name, sql.flag_text(i, "3625")])
}

acceptable(i) if {
	v := sql.flag(i, "3625")
	v == "on"
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "sqlserver"
	msg := sprintf("Cloud SQL instance %s runs %s, not SQL Server: 3625 does not apply", [i.name, i.database_version])
}
