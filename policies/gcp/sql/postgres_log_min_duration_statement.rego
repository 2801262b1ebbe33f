# METADATA
# title: PostgreSQL instances do not log statements by duration
# description: Every Cloud SQL for PostgreSQL instance leaves log_min_duration_statement unset or sets it to -1 (disabled).
# scope: package
# custom:
#   id: gcp-sql-postgres-log-min-duration-statement
#   severity: low
#   area: data-protection
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.2.7"]
#   remediation: '`gcloud sql instances patch INSTANCE --database-flags=log_min_duration_statement=-1` (this replaces the whole flag list: repeat the flags already set; some flags restart the instance).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. Logging statements by duration writes their full text, including any sensitive values in them, to the logs. Keeping its data out of its logs is the customer''s duty.'
#   pass_message: Cloud SQL instance {name} has log_min_duration_statement unset or -1
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.postgres_log_min_duration_statement

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "postgres"
	v := sql.flag(i, "log_min_duration_statement")
	not acceptable(v)
	msg := sprintf("PostgreSQL instance %s: %s, want -1 (disabled)", [i.name, sql.flag_text(i, "log_min_duration_statement")])
}

acceptable(v) if {
	v == "-1"
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "postgres"
	msg := sprintf("Cloud SQL instance %s runs %s, not PostgreSQL: log_min_duration_statement does not apply", [i.name, i.database_version])
}
