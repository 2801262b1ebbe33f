# METADATA
# title: Storage accounts use private endpoints
# description: >-
#   The account has at least one approved private endpoint connection.
# scope: package
# custom:
#   id: azure-storage-private-endpoint
#   severity: medium
#   area: network-controls
#   resource_type: azure_storage_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["4.9"]
#   remediation: >-
#     `az network private-endpoint create --group-id blob --private-connection-resource-id ACCOUNT_ID
#     ...`.
#   rationale: >-
#     Azure runs the storage service and its hardware (PaaS), but who can reach a storage account,
#     over which protocols, and how its data is kept are account settings the customer chooses for its
#     data. Keeping traffic to the customer's data on private addresses is a network design choice of
#     the customer.
#   pass_message: >-
#     storage account {name} has an approved private endpoint
#   depends_on: [private_endpoint_connections]
package incloud.azure.storage.private_endpoint

deny contains {"resource_id": a.id, "message": sprintf("storage account %s has no approved private endpoint", [a.name])} if {
	some a in input.resources.azure_storage_account
	count([p | some p in a.private_endpoint_connections; p.status == "Approved"]) == 0
}
