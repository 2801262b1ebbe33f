# METADATA
# title: Storage accounts use customer-managed keys
# description: >-
#   Encryption at rest uses a customer-managed key in Key Vault (key source Microsoft.Keyvault).
# scope: package
# custom:
#   id: azure-storage-cmk
#   severity: low
#   area: data-protection
#   resource_type: azure_storage_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["4.11"]
#   remediation: >-
#     `az storage account update --name ACCOUNT --encryption-key-source Microsoft.Keyvault
#     --encryption-key-vault URI --encryption-key-name KEY` with a managed identity that can use the
#     key.
#   rationale: >-
#     Azure runs the storage service and its hardware (PaaS), but who can reach a storage account,
#     over which protocols, and how its data is kept are account settings the customer chooses for its
#     data. With platform keys Microsoft controls the key's lifecycle; control over it, for critical
#     data, is the customer's choice.
#   pass_message: >-
#     storage account {name} is encrypted with a customer-managed key
#   depends_on: [encryption_key_source]
package incloud.azure.storage.cmk

deny contains {"resource_id": a.id, "message": sprintf("storage account %s is encrypted with Microsoft-managed keys", [a.name])} if {
	some a in input.resources.azure_storage_account
	a.encryption_key_source == "Microsoft.Storage"
}
