# METADATA
# title: PostgreSQL instances enable pgAudit
# description: Every Cloud SQL for PostgreSQL instance sets cloudsql.enable_pgaudit to on, so that database activity can be audited centrally.
# scope: package
# custom:
#   id: gcp-sql-postgres-pgaudit
#   severity: medium
#   area: compliance-governance
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.2.8"]
#   remediation: '`gcloud sql instances patch INSTANCE --database-flags=cloudsql.enable_pgaudit=on` (this replaces the whole flag list: repeat the flags already set; some flags restart the instance).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. pgAudit produces detailed session and object audit logs in Cloud Logging; without it the customer cannot show who did what in its database. Producing that evidence is the customer''s duty.'
#   pass_message: Cloud SQL instance {name} has cloudsql.enable_pgaudit on
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.postgres_pgaudit

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "postgres"
	not acceptable(i)
	msg := sprintf("PostgreSQL instance %s: %s, want on", [i.name, sql.flag_text(i, "cloudsql.enable_pgaudit")])
}

acceptable(i) if {
	v := sql.flag(i, "cloudsql.enable_pgaudit")
	v == "on"
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "postgres"
	msg := sprintf("Cloud SQL instance %s runs %s, not PostgreSQL: cloudsql.enable_pgaudit does not apply", [i.name, i.database_version])
}
