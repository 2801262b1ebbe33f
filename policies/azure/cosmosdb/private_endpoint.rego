# METADATA
# title: Cosmos DB uses private endpoints
# description: >-
#   The account has at least one approved private endpoint connection.
# scope: package
# custom:
#   id: azure-cosmosdb-private-endpoint
#   severity: medium
#   area: network-controls
#   resource_type: azure_cosmosdb_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.4.2"]
#   remediation: >-
#     `az network private-endpoint create --group-id Sql --private-connection-resource-id ACCOUNT_ID
#     ...`.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data.
#     Private connectivity to the customer's database is the customer's network design.
#   pass_message: >-
#     Cosmos DB account {name} has an approved private endpoint
#   depends_on: [private_endpoint_connections]
package incloud.azure.cosmosdb.private_endpoint

deny contains {"resource_id": x.id, "message": sprintf("Cosmos DB account %s has no approved private endpoint", [x.name])} if {
	some x in input.resources.azure_cosmosdb_account
	count([p | some p in x.private_endpoint_connections; p.status == "Approved"]) == 0
}
