# METADATA
# title: Cross-tenant replication is disabled
# description: >-
#   Object replication to other tenants is not allowed.
# scope: package
# custom:
#   id: azure-storage-cross-tenant-replication
#   severity: medium
#   area: data-protection
#   resource_type: azure_storage_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["4.16"]
#   remediation: >-
#     `az storage account update --name ACCOUNT --allow-cross-tenant-replication false`.
#   rationale: >-
#     Azure runs the storage service and its hardware (PaaS), but who can reach a storage account,
#     over which protocols, and how its data is kept are account settings the customer chooses for its
#     data. Copying the customer's data to another tenant is a data flow only the customer can allow
#     or forbid.
#   pass_message: >-
#     storage account {name} does not allow cross-tenant replication
#   depends_on: [allow_cross_tenant_replication]
package incloud.azure.storage.cross_tenant_replication

deny contains {"resource_id": a.id, "message": sprintf("storage account %s allows cross-tenant replication", [a.name])} if {
	some a in input.resources.azure_storage_account
	a.allow_cross_tenant_replication == true
}
