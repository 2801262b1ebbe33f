# METADATA
# title: Blob anonymous access is disabled
# description: >-
#   Allow Blob anonymous access is off for the account.
# scope: package
# custom:
#   id: azure-storage-blob-anonymous-access
#   severity: critical
#   area: data-protection
#   resource_type: azure_storage_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["4.17"]
#   remediation: >-
#     `az storage account update --name ACCOUNT --allow-blob-public-access false`.
#   rationale: >-
#     Azure runs the storage service and its hardware (PaaS), but who can reach a storage account,
#     over which protocols, and how its data is kept are account settings the customer chooses for its
#     data. Making containers readable by anyone is a customer decision; turning it off at the account
#     prevents accidents.
#   pass_message: >-
#     storage account {name} does not allow anonymous blob access
#   depends_on: [allow_blob_public_access]
package incloud.azure.storage.blob_anonymous_access

deny contains {"resource_id": a.id, "message": sprintf("storage account %s allows anonymous blob access", [a.name])} if {
	some a in input.resources.azure_storage_account
	a.allow_blob_public_access == true
}
