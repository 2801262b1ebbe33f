# METADATA
# title: PostgreSQL instances log connections
# description: Every Cloud SQL for PostgreSQL instance sets log_connections to on (the default is off).
# scope: package
# custom:
#   id: gcp-sql-postgres-log-connections
#   severity: medium
#   area: compliance-governance
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.2.2"]
#   remediation: '`gcloud sql instances patch INSTANCE --database-flags=log_connections=on` (this replaces the whole flag list: repeat the flags already set; some flags restart the instance).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. Without connection logs, nobody can tell who connected to the database and from where. Producing the audit trail of access to its data is the customer''s duty.'
#   pass_message: Cloud SQL instance {name} has log_connections on
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.postgres_log_connections

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "postgres"
	not acceptable(i)
	msg := sprintf("PostgreSQL instance %s: %s, want on", [i.name, sql.flag_text(i, "log_connections")])
}

acceptable(i) if {
	v := sql.flag(i, "log_connections")
	v == "on"
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "postgres"
	msg := sprintf("Cloud SQL instance %s runs %s, not PostgreSQL: log_connections does not apply", [i.name, i.database_version])
}
