# METADATA
# title: MySQL instances set skip_show_database on
# description: Every Cloud SQL for MySQL instance sets the database flag skip_show_database to on (the default is off).
# scope: package
# custom:
#   id: gcp-sql-mysql-skip-show-database
#   severity: low
#   area: application-security
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.1.2"]
#   remediation: '`gcloud sql instances patch INSTANCE --database-flags=skip_show_database=on` (this replaces the whole flag list: repeat the flags already set; some flags restart the instance).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. With skip_show_database off, any user can list every database on the server, which helps an attacker map the data. Hardening the engine configuration is the customer''s duty.'
#   pass_message: Cloud SQL instance {name} has skip_show_database on
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.mysql_skip_show_database

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "mysql"
	not acceptable(i)
	msg := sprintf("MySQL instance %s: %s, want on", [i.name, sql.flag_text(i, "skip_show_database")])
}

acceptable(i) if {
	v := sql.flag(i, "skip_show_database")
	v == "on"
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "mysql"
	msg := sprintf("Cloud SQL instance %s runs %s, not MySQL: skip_show_database does not apply", [i.name, i.database_version])
}
