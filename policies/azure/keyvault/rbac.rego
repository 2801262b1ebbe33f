# METADATA
# title: Key vaults use Azure RBAC
# description: >-
#   The vault uses the Azure RBAC permission model rather than vault access policies.
# scope: package
# custom:
#   id: azure-keyvault-rbac
#   severity: medium
#   area: user-access-management
#   resource_type: azure_keyvault_vault
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.3.6"]
#   remediation: >-
#     Review access, then `az keyvault update --name VAULT --enable-rbac-authorization true` and grant
#     Key Vault data roles.
#   rationale: >-
#     Azure runs the Key Vault service and its HSMs (PaaS), but which keys and secrets exist, how long
#     they live, and who may read or delete them is managed by the customer. Access policies bypass
#     the customer's central RBAC and PIM controls; choosing the permission model is the customer's.
#   pass_message: >-
#     vault {name} uses Azure RBAC
#   depends_on: [enable_rbac_authorization]
package incloud.azure.keyvault.rbac

deny contains {"resource_id": v.id, "message": sprintf("vault %s uses access policies instead of Azure RBAC", [v.name])} if {
	some v in input.resources.azure_keyvault_vault
	v.enable_rbac_authorization == false
}
