# METADATA
# title: SQL databases have transparent data encryption on
# description: >-
#   Transparent data encryption is Enabled on the database.
# scope: package
# custom:
#   id: azure-sql-database-tde
#   severity: high
#   area: data-protection
#   resource_type: azure_sql_database
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.1.5"]
#   remediation: >-
#     `az sql db tde set --resource-group RG --server SERVER --database DB --status Enabled`.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data. TDE
#     can be turned off by the customer; keeping the customer's data encrypted at rest is the
#     customer's duty.
#   pass_message: >-
#     database {name} has transparent data encryption on
#   depends_on: [tde_state]
package incloud.azure.sql.database_tde

deny contains {"resource_id": x.id, "message": sprintf("database %s has transparent data encryption off", [x.name])} if {
	some x in input.resources.azure_sql_database
	x.tde_state == "Disabled"
}
