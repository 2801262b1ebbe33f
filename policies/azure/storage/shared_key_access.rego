# METADATA
# title: Shared key access is disabled
# description: >-
#   Shared key (account key) authorization is disallowed, so only Entra ID authorizes requests.
# scope: package
# custom:
#   id: azure-storage-shared-key-access
#   severity: medium
#   area: user-access-management
#   resource_type: azure_storage_account
#   service_model: paas
#   frameworks: {}
#   remediation: >-
#     `az storage account update --name ACCOUNT --allow-shared-key-access false` after moving clients
#     to Entra ID.
#   rationale: >-
#     Azure runs the storage service and its hardware (PaaS), but who can reach a storage account,
#     over which protocols, and how its data is kept are account settings the customer chooses for its
#     data. Account keys are all-powerful long-lived secrets the customer must otherwise manage.
#   pass_message: >-
#     storage account {name} does not allow shared key authorization
#   depends_on: [allow_shared_key_access]
package incloud.azure.storage.shared_key_access

deny contains {"resource_id": a.id, "message": sprintf("storage account %s allows shared key authorization", [a.name])} if {
	some a in input.resources.azure_storage_account
	a.allow_shared_key_access == true
}
