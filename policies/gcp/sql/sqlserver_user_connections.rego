# METADATA
# title: SQL Server instances do not limit user connections
# description: Every Cloud SQL for SQL Server instance leaves user connections unset or sets it to 0 (unlimited), so a low limit cannot deny service to legitimate clients.
# scope: package
# custom:
#   id: gcp-sql-sqlserver-user-connections
#   severity: low
#   area: application-security
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.3.3"]
#   remediation: '`gcloud sql instances patch INSTANCE --database-flags=user connections=0` (this replaces the whole flag list: repeat the flags already set; some flags restart the instance).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. A low connection limit lets anyone who can open connections lock out the applications. Sizing the engine for its workload is the customer''s configuration.'
#   pass_message: Cloud SQL instance {name} has user connections unset or 0
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.sqlserver_user_connections

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "sqlserver"
	v := sql.flag(i, "user connections")
	not acceptable(v)
	msg := sprintf("SQL Server instance %s: %s, want 0 (no limit)", [i.name, sql.flag_text(i, "user connections")])
}

acceptable(v) if {
	v == "0"
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "sqlserver"
	msg := sprintf("Cloud SQL instance %s runs %s, not SQL Server: user connections does not apply", [i.name, i.database_version])
}
