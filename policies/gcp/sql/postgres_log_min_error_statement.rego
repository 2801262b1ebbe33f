# METADATA
# title: PostgreSQL instances log the statements that cause errors
# description: Every Cloud SQL for PostgreSQL instance leaves log_min_error_statement unset (ERROR) or sets it to error or a more verbose level, so that statements causing errors are logged.
# scope: package
# custom:
#   id: gcp-sql-postgres-log-min-error-statement
#   severity: low
#   area: compliance-governance
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.2.6"]
#   remediation: '`gcloud sql instances patch INSTANCE --database-flags=log_min_error_statement=error` (this replaces the whole flag list: repeat the flags already set; some flags restart the instance).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. A threshold above ERROR hides the statements behind failed queries, which is where SQL injection attempts show. Choosing what the database logs is the customer''s configuration.'
#   pass_message: Cloud SQL instance {name} has log_min_error_statement unset or at error or more verbose
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.postgres_log_min_error_statement

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "postgres"
	v := sql.flag(i, "log_min_error_statement")
	not acceptable(v)
	msg := sprintf("PostgreSQL instance %s: %s, want error or more verbose", [i.name, sql.flag_text(i, "log_min_error_statement")])
}

acceptable(v) if {
	sql.level_rank(v) <= sql.level_rank("error")
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "postgres"
	msg := sprintf("Cloud SQL instance %s runs %s, not PostgreSQL: log_min_error_statement does not apply", [i.name, i.database_version])
}
