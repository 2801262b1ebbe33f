# METADATA
# title: PostgreSQL instances log messages of severity WARNING and above
# description: Every Cloud SQL for PostgreSQL instance leaves log_min_messages unset (WARNING) or sets it to warning or a more verbose level, so that warnings reach the logs.
# scope: package
# custom:
#   id: gcp-sql-postgres-log-min-messages
#   severity: low
#   area: compliance-governance
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.2.5"]
#   remediation: '`gcloud sql instances patch INSTANCE --database-flags=log_min_messages=warning` (this replaces the whole flag list: repeat the flags already set; some flags restart the instance).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. A threshold above WARNING drops the warnings that often precede failures and attacks. Choosing what the database logs is the customer''s configuration.'
#   pass_message: Cloud SQL instance {name} has log_min_messages unset or at warning or more verbose
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.postgres_log_min_messages

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "postgres"
	v := sql.flag(i, "log_min_messages")
	not acceptable(v)
	msg := sprintf("PostgreSQL instance %s: %s, want warning or more verbose", [i.name, sql.flag_text(i, "log_min_messages")])
}

acceptable(v) if {
	sql.level_rank(v) <= sql.level_rank("warning")
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "postgres"
	msg := sprintf("Cloud SQL instance %s runs %s, not PostgreSQL: log_min_messages does not apply", [i.name, i.database_version])
}
