# METADATA
# title: Key vaults are reached through private endpoints
# description: >-
#   The vault has at least one approved private endpoint connection.
# scope: package
# custom:
#   id: azure-keyvault-private-endpoint
#   severity: medium
#   area: network-controls
#   resource_type: azure_keyvault_vault
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.3.7"]
#   remediation: >-
#     Create a private endpoint for the vault (`az network private-endpoint create --group-id vault
#     ...`) and then disable public network access.
#   rationale: >-
#     Azure runs the Key Vault service and its HSMs (PaaS), but which keys and secrets exist, how long
#     they live, and who may read or delete them is managed by the customer. Network exposure of the
#     customer's vault is a customer decision: Azure leaves the public endpoint open by default.
#   pass_message: >-
#     vault {name} has an approved private endpoint
#   depends_on: [private_endpoint_connections]
package incloud.azure.keyvault.private_endpoint

deny contains {"resource_id": v.id, "message": sprintf("vault %s has no approved private endpoint", [v.name])} if {
	some v in input.resources.azure_keyvault_vault
	count([p | some p in v.private_endpoint_connections; p.status == "Approved"]) == 0
}
