# METADATA
# title: SQL server public network access is disabled
# description: >-
#   Public network access is Disabled.
# scope: package
# custom:
#   id: azure-sql-public-network-access
#   severity: medium
#   area: network-controls
#   resource_type: azure_sql_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.1.7"]
#   remediation: >-
#     `az sql server update --resource-group RG --name SERVER --enable-public-network false` after
#     creating private endpoints.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data.
#     Exposure of the customer's database to the internet is the customer's setting.
#   pass_message: >-
#     SQL server {name} has public network access off
#   depends_on: [public_network_access]
package incloud.azure.sql.public_network_access

deny contains {"resource_id": x.id, "message": sprintf("SQL server %s allows public network access", [x.name])} if {
	some x in input.resources.azure_sql_server
	x.public_network_access == "Enabled"
}
