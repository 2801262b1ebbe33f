# METADATA
# title: Storage default network access rule is Deny
# description: >-
#   The network rule set's default action is Deny.
# scope: package
# custom:
#   id: azure-storage-default-network-deny
#   severity: medium
#   area: network-controls
#   resource_type: azure_storage_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["4.7"]
#   remediation: >-
#     `az storage account update --name ACCOUNT --default-action Deny` and add the networks that need
#     access.
#   rationale: >-
#     Azure runs the storage service and its hardware (PaaS), but who can reach a storage account,
#     over which protocols, and how its data is kept are account settings the customer chooses for its
#     data. Firewall rules are always the customer's to configure, whoever supplies the firewall.
#   pass_message: >-
#     storage account {name} denies network access by default
#   depends_on: [network_default_action]
package incloud.azure.storage.default_network_deny

deny contains {"resource_id": a.id, "message": sprintf("storage account %s allows all networks by default", [a.name])} if {
	some a in input.resources.azure_storage_account
	a.network_default_action == "Allow"
}
