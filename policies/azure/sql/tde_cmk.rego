# METADATA
# title: SQL TDE protector uses a customer-managed key
# description: >-
#   The server's TDE protector is a Key Vault key (AzureKeyVault), not service-managed.
# scope: package
# custom:
#   id: azure-sql-tde-cmk
#   severity: low
#   area: data-protection
#   resource_type: azure_sql_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.1.3"]
#   remediation: >-
#     `az sql server tde-key set --resource-group RG --server SERVER --server-key-type AzureKeyVault
#     --kid KEY_URI`.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data.
#     Control over the key protecting the customer's database is the customer's option.
#   pass_message: >-
#     SQL server {name}'s TDE protector is a customer-managed key
#   depends_on: [tde_protector]
package incloud.azure.sql.tde_cmk

deny contains {"resource_id": x.id, "message": sprintf("SQL server %s uses a service-managed TDE protector", [x.name])} if {
	some x in input.resources.azure_sql_server
	x.tde_protector.server_key_type == "ServiceManaged"
}
