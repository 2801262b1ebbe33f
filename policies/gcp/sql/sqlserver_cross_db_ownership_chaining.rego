# METADATA
# title: SQL Server instances do not chain ownership across databases
# description: Every Cloud SQL for SQL Server instance leaves cross db ownership chaining unset (off) or sets it to off.
# scope: package
# custom:
#   id: gcp-sql-sqlserver-cross-db-ownership-chaining
#   severity: medium
#   area: application-security
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.3.2"]
#   remediation: '`gcloud sql instances patch INSTANCE --database-flags=cross db ownership chaining=off` (this replaces the whole flag list: repeat the flags already set; some flags restart the instance).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. Cross-database ownership chaining lets permissions in one database reach objects in another, which a member of db_owner can exploit. Hardening the engine configuration is the customer''s duty.'
#   pass_message: Cloud SQL instance {name} has cross db ownership chaining unset or off
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.sqlserver_cross_db_ownership_chaining

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "sqlserver"
	v := sql.flag(i, "cross db ownership chaining")
	not acceptable(v)
	msg := sprintf("SQL Server instance %s: %s, want off", [i.name, sql.flag_text(i, "cross db ownership chaining")])
}

acceptable(v) if {
	v == "off"
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "sqlserver"
	msg := sprintf("Cloud SQL instance %s runs %s, not SQL Server: cross db ownership chaining does not apply", [i.name, i.database_version])
}
