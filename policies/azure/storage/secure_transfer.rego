# METADATA
# title: Storage accounts require secure transfer
# description: >-
#   Secure transfer required (HTTPS only) is enabled.
# scope: package
# custom:
#   id: azure-storage-secure-transfer
#   severity: high
#   area: data-protection
#   resource_type: azure_storage_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["4.1"]
#   remediation: >-
#     `az storage account update --name ACCOUNT --https-only true`.
#   rationale: >-
#     Azure runs the storage service and its hardware (PaaS), but who can reach a storage account,
#     over which protocols, and how its data is kept are account settings the customer chooses for its
#     data. Plain-HTTP access exposes the customer's data and SAS tokens in transit.
#   pass_message: >-
#     storage account {name} requires HTTPS
#   depends_on: [https_only]
package incloud.azure.storage.secure_transfer

deny contains {"resource_id": a.id, "message": sprintf("storage account %s accepts plain HTTP", [a.name])} if {
	some a in input.resources.azure_storage_account
	a.https_only == false
}
