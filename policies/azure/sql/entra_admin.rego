# METADATA
# title: SQL servers have a Microsoft Entra admin
# description: >-
#   An Entra ID administrator is configured for the server.
# scope: package
# custom:
#   id: azure-sql-entra-admin
#   severity: medium
#   area: user-access-management
#   resource_type: azure_sql_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.1.4"]
#   remediation: >-
#     `az sql server ad-admin create --resource-group RG --server-name SERVER --display-name GROUP
#     --object-id OBJECT_ID`.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data.
#     Central identities with MFA for database access exist only if the customer configures them.
#   pass_message: >-
#     SQL server {name} has a Microsoft Entra admin
#   depends_on: [entra_admin]
package incloud.azure.sql.entra_admin

deny contains {"resource_id": x.id, "message": sprintf("SQL server %s has no Microsoft Entra admin", [x.name])} if {
	some x in input.resources.azure_sql_server
	is_null(x.entra_admin)
}
