# METADATA
# title: PostgreSQL instances log disconnections
# description: Every Cloud SQL for PostgreSQL instance sets log_disconnections to on (the default is off).
# scope: package
# custom:
#   id: gcp-sql-postgres-log-disconnections
#   severity: medium
#   area: compliance-governance
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.2.3"]
#   remediation: '`gcloud sql instances patch INSTANCE --database-flags=log_disconnections=on` (this replaces the whole flag list: repeat the flags already set; some flags restart the instance).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. Disconnection logs give session end times and durations, which investigations need together with connection logs. Producing the audit trail of access to its data is the customer''s duty.'
#   pass_message: Cloud SQL instance {name} has log_disconnections on
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.postgres_log_disconnections

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "postgres"
	not acceptable(i)
	msg := sprintf("PostgreSQL instance %s: %s, want on", [i.name, sql.flag_text(i, "log_disconnections")])
}

acceptable(i) if {
	v := sql.flag(i, "log_disconnections")
	v == "on"
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "postgres"
	msg := sprintf("Cloud SQL instance %s runs %s, not PostgreSQL: log_disconnections does not apply", [i.name, i.database_version])
}
