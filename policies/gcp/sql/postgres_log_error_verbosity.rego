# METADATA
# title: PostgreSQL instances set log_error_verbosity to DEFAULT or TERSE
# description: Every Cloud SQL for PostgreSQL instance leaves log_error_verbosity unset (DEFAULT) or sets it to default or terse, not verbose.
# scope: package
# custom:
#   id: gcp-sql-postgres-log-error-verbosity
#   severity: low
#   area: compliance-governance
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.2.1"]
#   remediation: '`gcloud sql instances patch INSTANCE --database-flags=log_error_verbosity=default` (this replaces the whole flag list: repeat the flags already set; some flags restart the instance).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. Verbose error messages write source locations and internal details to the logs, which adds noise and can leak data. Choosing what the database logs is the customer''s configuration.'
#   pass_message: Cloud SQL instance {name} has log_error_verbosity unset, default or terse
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.postgres_log_error_verbosity

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "postgres"
	v := sql.flag(i, "log_error_verbosity")
	not acceptable(v)
	msg := sprintf("PostgreSQL instance %s: %s, want default or terse", [i.name, sql.flag_text(i, "log_error_verbosity")])
}

acceptable(v) if {
	v in {"default", "terse"}
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "postgres"
	msg := sprintf("Cloud SQL instance %s runs %s, not PostgreSQL: log_error_verbosity does not apply", [i.name, i.database_version])
}
