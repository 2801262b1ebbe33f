# METADATA
# title: Cosmos DB uses Entra ID authentication only
# description: >-
#   Local (key-based) authentication is disabled, so clients use Entra ID and Azure RBAC.
# scope: package
# custom:
#   id: azure-cosmosdb-entra-auth
#   severity: medium
#   area: user-access-management
#   resource_type: azure_cosmosdb_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.4.3"]
#   remediation: >-
#     `az resource update --ids ACCOUNT_ID --set properties.disableLocalAuth=true` after granting
#     Cosmos DB data-plane roles.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data.
#     Account keys are long-lived secrets the customer must otherwise manage.
#   pass_message: >-
#     Cosmos DB account {name} allows Entra ID authentication only
#   depends_on: [disable_local_auth]
package incloud.azure.cosmosdb.entra_auth

deny contains {"resource_id": x.id, "message": sprintf("Cosmos DB account %s allows key-based authentication", [x.name])} if {
	some x in input.resources.azure_cosmosdb_account
	x.disable_local_auth == false
}
