# METADATA
# title: Storage infrastructure encryption is enabled
# description: >-
#   Infrastructure (double) encryption is enabled.
# scope: package
# custom:
#   id: azure-storage-infrastructure-encryption
#   severity: low
#   area: data-protection
#   resource_type: azure_storage_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["4.2"]
#   remediation: >-
#     Infrastructure encryption can only be chosen at creation: create a new account with
#     `--require-infrastructure-encryption` and move the data.
#   rationale: >-
#     Azure runs the storage service and its hardware (PaaS), but who can reach a storage account,
#     over which protocols, and how its data is kept are account settings the customer chooses for its
#     data. A second layer of encryption is an option the customer chooses for sensitive data.
#   pass_message: >-
#     storage account {name} uses infrastructure encryption
#   depends_on: [infrastructure_encryption]
package incloud.azure.storage.infrastructure_encryption

deny contains {"resource_id": a.id, "message": sprintf("storage account %s does not use infrastructure encryption", [a.name])} if {
	some a in input.resources.azure_storage_account
	a.infrastructure_encryption == false
}
