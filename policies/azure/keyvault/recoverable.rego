# METADATA
# title: Key vaults are recoverable
# description: >-
#   The vault has soft delete and purge protection enabled.
# scope: package
# custom:
#   id: azure-keyvault-recoverable
#   severity: high
#   area: data-protection
#   resource_type: azure_keyvault_vault
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.3.5"]
#   remediation: >-
#     `az keyvault update --name VAULT --enable-purge-protection true` (soft delete is on for all new
#     vaults and cannot be turned off once on).
#   rationale: >-
#     Azure runs the Key Vault service and its HSMs (PaaS), but which keys and secrets exist, how long
#     they live, and who may read or delete them is managed by the customer. A deleted or purged vault
#     takes the customer's keys, and the data encrypted with them, with it; protection against that is
#     a vault option the customer sets.
#   pass_message: >-
#     vault {name} has soft delete and purge protection
#   depends_on: [enable_soft_delete, enable_purge_protection]
package incloud.azure.keyvault.recoverable

deny contains {"resource_id": v.id, "message": sprintf("vault %s does not have both soft delete and purge protection", [v.name])} if {
	some v in input.resources.azure_keyvault_vault
	not recoverable(v)
}

recoverable(v) if {
	v.enable_soft_delete == true
	v.enable_purge_protection == true
}
