# METADATA
# title: Key Vault keys have an expiration date
# description: >-
#   Every enabled key in the vault (RBAC or access-policy permission model) has an expiration date.
# scope: package
# custom:
#   id: azure-keyvault-key-expiry
#   severity: medium
#   area: data-protection
#   resource_type: azure_keyvault_vault
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.3.1", "3.3.2"]
#   remediation: >-
#     Set an expiry on each key: `az keyvault key set-attributes --vault-name VAULT --name KEY
#     --expires 2027-01-01T00:00:00Z`, and rotate before it.
#   rationale: >-
#     Azure runs the Key Vault service and its HSMs (PaaS), but which keys and secrets exist, how long
#     they live, and who may read or delete them is managed by the customer. A key without an end date
#     is used forever, so a leaked or weak key is never retired.
#   pass_message: >-
#     every enabled key in vault {name} has an expiration date
#   depends_on: [keys, enable_rbac_authorization]
package incloud.azure.keyvault.key_expiry

deny contains {"resource_id": v.id, "message": sprintf("vault %s (%s) has keys without an expiration date: %s", [v.name, model(v), concat(", ", missing)])} if {
	some v in input.resources.azure_keyvault_vault
	missing := sort([k.name | some k in v.keys; k.enabled == true; is_null(k.expires)])
	count(missing) > 0
}

model(v) := "RBAC" if v.enable_rbac_authorization == true

model(v) := "access policies" if v.enable_rbac_authorization == false
