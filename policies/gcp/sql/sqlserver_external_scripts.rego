# METADATA
# title: SQL Server instances do not run external scripts
# description: Every Cloud SQL for SQL Server instance leaves external scripts enabled unset (off) or sets it to off.
# scope: package
# custom:
#   id: gcp-sql-sqlserver-external-scripts
#   severity: medium
#   area: application-security
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.3.1"]
#   remediation: '`gcloud sql instances patch INSTANCE --database-flags=external scripts enabled=off` (this replaces the whole flag list: repeat the flags already set; some flags restart the instance).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. External scripts run R or Python code inside the database server, which widens what a compromised login can do. Hardening the engine configuration is the customer''s duty.'
#   pass_message: Cloud SQL instance {name} has external scripts enabled unset or off
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.sqlserver_external_scripts

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "sqlserver"
	v := sql.flag(i, "external scripts enabled")
	not acceptable(v)
	msg := sprintf("SQL Server instance %s: %s, want off", [i.name, sql.flag_text(i, "external scripts enabled")])
}

acceptable(v) if {
	v == "off"
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "sqlserver"
	msg := sprintf("Cloud SQL instance %s runs %s, not SQL Server: external scripts enabled does not apply", [i.name, i.database_version])
}
