# METADATA
# title: Storage minimum TLS version is 1.2
# description: >-
#   The minimum TLS version is TLS1_2 or later.
# scope: package
# custom:
#   id: azure-storage-min-tls
#   severity: high
#   area: data-protection
#   resource_type: azure_storage_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["4.15"]
#   remediation: >-
#     `az storage account update --name ACCOUNT --min-tls-version TLS1_2`.
#   rationale: >-
#     Azure runs the storage service and its hardware (PaaS), but who can reach a storage account,
#     over which protocols, and how its data is kept are account settings the customer chooses for its
#     data. Old TLS versions are accepted unless the customer raises the minimum.
#   pass_message: >-
#     storage account {name} requires TLS 1.2 or later
#   depends_on: [minimum_tls_version]
package incloud.azure.storage.min_tls

deny contains {"resource_id": a.id, "message": sprintf("storage account %s accepts %s", [a.name, a.minimum_tls_version])} if {
	some a in input.resources.azure_storage_account
	a.minimum_tls_version in {"TLS1_0", "TLS1_1"}
}
