# METADATA
# title: Trusted Azure services can bypass the storage firewall
# description: >-
#   The network rules let trusted Azure services through (bypass includes AzureServices).
# scope: package
# custom:
#   id: azure-storage-trusted-services
#   severity: low
#   area: network-controls
#   resource_type: azure_storage_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["4.8"]
#   remediation: >-
#     `az storage account update --name ACCOUNT --bypass AzureServices Logging Metrics`.
#   rationale: >-
#     Azure runs the storage service and its hardware (PaaS), but who can reach a storage account,
#     over which protocols, and how its data is kept are account settings the customer chooses for its
#     data. With a Deny default, services such as Backup and Monitor reach the account only if the
#     customer allows them.
#   pass_message: >-
#     storage account {name} lets trusted Azure services through its firewall
#   depends_on: [network_bypass]
package incloud.azure.storage.trusted_services

deny contains {"resource_id": a.id, "message": sprintf("storage account %s does not let trusted Azure services bypass its firewall", [a.name])} if {
	some a in input.resources.azure_storage_account
	not "AzureServices" in a.network_bypass
}
