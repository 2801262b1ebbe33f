# METADATA
# title: SQL Server instances do not set user options
# description: No Cloud SQL for SQL Server instance sets the user options flag, which changes query-processing defaults for every user.
# scope: package
# custom:
#   id: gcp-sql-sqlserver-user-options
#   severity: low
#   area: application-security
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.3.4"]
#   remediation: 'Remove the flag: `gcloud sql instances patch INSTANCE --database-flags=...` listing every flag to keep except user options, or `--clear-database-flags` when it is the only one.'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. Global user options silently change session behaviour (for example ANSI settings) for every login. Keeping the engine''s configuration reviewed is the customer''s duty.'
#   pass_message: Cloud SQL instance {name} has user options unset
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.sqlserver_user_options

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "sqlserver"
	sql.is_set(i, "user options")
	msg := sprintf("SQL Server instance %s: %s, want it not set", [i.name, sql.flag_text(i, "user options")])
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "sqlserver"
	msg := sprintf("Cloud SQL instance %s runs %s, not SQL Server: user options does not apply", [i.name, i.database_version])
}
