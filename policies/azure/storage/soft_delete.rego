# METADATA
# title: Blob and container soft delete are enabled
# description: >-
#   Soft delete is enabled for both blobs and containers.
# scope: package
# custom:
#   id: azure-storage-soft-delete
#   severity: medium
#   area: data-protection
#   resource_type: azure_storage_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["4.10"]
#   remediation: >-
#     `az storage account blob-service-properties update --account-name ACCOUNT
#     --enable-delete-retention true --delete-retention-days 14 --enable-container-delete-retention
#     true --container-delete-retention-days 14`.
#   rationale: >-
#     Azure runs the storage service and its hardware (PaaS), but who can reach a storage account,
#     over which protocols, and how its data is kept are account settings the customer chooses for its
#     data. Recovering data the customer's users or attackers delete is the customer's availability
#     duty.
#   pass_message: >-
#     storage account {name} has blob and container soft delete on
#   depends_on: [blob_soft_delete, container_soft_delete]
package incloud.azure.storage.soft_delete

deny contains {"resource_id": a.id, "message": sprintf("storage account %s has soft delete off for: %s", [a.name, concat(", ", off)])} if {
	some a in input.resources.azure_storage_account
	off := [k | some k in ["blob", "container"]; not soft_delete(a, k)]
	count(off) > 0
}

soft_delete(a, "blob") if a.blob_soft_delete.enabled == true

soft_delete(a, "container") if a.container_soft_delete.enabled == true
