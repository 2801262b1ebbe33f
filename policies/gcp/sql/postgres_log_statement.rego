# METADATA
# title: PostgreSQL instances log DDL statements
# description: Every Cloud SQL for PostgreSQL instance sets log_statement to ddl, as CIS recommends (the default none logs no statements).
# scope: package
# custom:
#   id: gcp-sql-postgres-log-statement
#   severity: low
#   area: compliance-governance
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.2.4"]
#   remediation: '`gcloud sql instances patch INSTANCE --database-flags=log_statement=ddl` (this replaces the whole flag list: repeat the flags already set; some flags restart the instance).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. With log_statement none, schema changes leave no trace; logging DDL records them without logging every query. Choosing what the database logs is the customer''s configuration.'
#   pass_message: Cloud SQL instance {name} has log_statement ddl
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.postgres_log_statement

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "postgres"
	not acceptable(i)
	msg := sprintf("PostgreSQL instance %s: %s, want ddl", [i.name, sql.flag_text(i, "log_statement")])
}

acceptable(i) if {
	v := sql.flag(i, "log_statement")
	v == "ddl"
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "postgres"
	msg := sprintf("Cloud SQL instance %s runs %s, not PostgreSQL: log_statement does not apply", [i.name, i.database_version])
}
