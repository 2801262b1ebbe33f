# METADATA
# title: SQL Server instances do not allow contained database authentication
# description: Every Cloud SQL for SQL Server instance leaves contained database authentication unset (off) or sets it to off.
# scope: package
# custom:
#   id: gcp-sql-sqlserver-contained-db-auth
#   severity: medium
#   area: user-access-management
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.3.7"]
#   remediation: '`gcloud sql instances patch INSTANCE --database-flags=contained database authentication=off` (this replaces the whole flag list: repeat the flags already set; some flags restart the instance).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: database flags are the customer''s settings of its own engine, and Google applies whatever the customer sets. Contained databases authenticate their own users, outside the server''s login management and its password policy. Managing database identities is the customer''s duty.'
#   pass_message: Cloud SQL instance {name} has contained database authentication unset or off
#   depends_on: [database_version, database_flags]
package incloud.gcp.sql.sqlserver_contained_db_auth

import data.incloud.lib.gcp.sql

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) == "sqlserver"
	v := sql.flag(i, "contained database authentication")
	not acceptable(v)
	msg := sprintf("SQL Server instance %s: %s, want off", [i.name, sql.flag_text(i, "contained database authentication")])
}

acceptable(v) if {
	v == "off"
}

pass contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	sql.engine(i) != "sqlserver"
	msg := sprintf("Cloud SQL instance %s runs %s, not SQL Server: contained database authentication does not apply", [i.name, i.database_version])
}
