# METADATA
# title: MySQL instances set local_infile off
# description: Every Cloud SQL for MySQL instance sets the database flag local_infile to off explicitly (its default differs between MySQL versions).
# scope: package
# custom:
#   id: gcp-sql-mysql-local-infile
#   severity: medium
#   area: application-security
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.1.3"]
#   remediation: '`gcloud sql instances patch INSTANCE --database-flags=local_infile=off` (this replaces the whole flag list: repeat the flags already set; some flags restart the instance).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. local_infile lets clients load files from the client host into the database, which SQL injection can abuse to read files. Hardening the engine configuration is the customer''s duty.'
#   pass_message: Cloud SQL instance {name} has local_infile off
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.mysql_local_infile

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "mysql"
	not acceptable(i)
	msg := sprintf("MySQL instance %s: %s, want off", [i.name, sql.flag_text(i, "local_infile")])
}

acceptable(i) if {
	v := sql.flag(i, "local_infile")
	v == "off"
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "mysql"
	msg := sprintf("Cloud SQL instance %s runs %s, not MySQL: local_infile does not apply", [i.name, i.database_version])
}
