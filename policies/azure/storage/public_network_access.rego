# METADATA
# title: Storage public network access is disabled
# description: >-
#   Public network access is Disabled.
# scope: package
# custom:
#   id: azure-storage-public-network-access
#   severity: medium
#   area: network-controls
#   resource_type: azure_storage_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["4.6"]
#   remediation: >-
#     `az storage account update --name ACCOUNT --public-network-access Disabled` after setting up
#     private endpoints.
#   rationale: >-
#     Azure runs the storage service and its hardware (PaaS), but who can reach a storage account,
#     over which protocols, and how its data is kept are account settings the customer chooses for its
#     data. The account's reachability from the internet is a customer setting.
#   pass_message: >-
#     storage account {name} has public network access off
#   depends_on: [public_network_access]
package incloud.azure.storage.public_network_access

deny contains {"resource_id": a.id, "message": sprintf("storage account %s allows public network access", [a.name])} if {
	some a in input.resources.azure_storage_account
	a.public_network_access == "Enabled"
}
