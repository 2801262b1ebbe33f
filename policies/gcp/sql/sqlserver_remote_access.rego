# METADATA
# title: SQL Server instances turn remote access off
# description: Every Cloud SQL for SQL Server instance sets remote access to off explicitly (the default is on).
# scope: package
# custom:
#   id: gcp-sql-sqlserver-remote-access
#   severity: medium
#   area: application-security
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.3.5"]
#   remediation: '`gcloud sql instances patch INSTANCE --database-flags=remote access=off` (this replaces the whole flag list: repeat the flags already set; some flags restart the instance).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. Remote access lets stored procedures run on and from remote servers, which attackers use to move between servers. Hardening the engine configuration is the customer''s duty.'
#   pass_message: Cloud SQL instance {name} has remote access off
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.sqlserver_remote_access

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "sqlserver"
	not acceptable(i)
	msg := sprintf("SQL Server instance %s: %s, want off", [i.name, sql.flag_text(i, "remote access")])
}

acceptable(i) if {
	v := sql.flag(i, "remote access")
	v == "off"
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "sqlserver"
	msg := sprintf("Cloud SQL instance %s runs %s, not SQL Server: remote access does not apply", [i.name, i.database_version])
}
