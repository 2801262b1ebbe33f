# METADATA
# title: Storage blob service logs reads, writes and deletes
# description: >-
#   A diagnostic setting of the blob service sends StorageRead, StorageWrite and StorageDelete logs
#   (or allLogs) to a destination.
# scope: package
# custom:
#   id: azure-storage-blob-logging
#   severity: low
#   area: compliance-governance
#   resource_type: azure_storage_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["4.13"]
#   remediation: >-
#     `az monitor diagnostic-settings create --resource ACCOUNT_ID/blobServices/default --name logs
#     --workspace WORKSPACE_ID --logs
#     '[{"category":"StorageRead","enabled":true},{"category":"StorageWrite","enabled":true},{"category":"StorageDelete","enabled":true}]'`.
#   rationale: >-
#     Azure runs the storage service and its hardware (PaaS), but who can reach a storage account,
#     over which protocols, and how its data is kept are account settings the customer chooses for its
#     data. Azure keeps no request log of the customer's data unless the customer configures one.
#   pass_message: >-
#     storage account {name} logs blob reads, writes and deletes
#   depends_on: [blob_diagnostic_settings]
package incloud.azure.storage.blob_logging

import data.incloud.lib.azure.monitor

deny contains {"resource_id": a.id, "message": sprintf("storage account %s does not log blob requests: %s", [a.name, concat(", ", missing)])} if {
	some a in input.resources.azure_storage_account
	missing := monitor.missing_categories(a.blob_diagnostic_settings, ["StorageRead", "StorageWrite", "StorageDelete"])
	count(missing) > 0
}
