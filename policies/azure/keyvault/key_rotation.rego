# METADATA
# title: Key Vault keys rotate automatically
# description: >-
#   Every enabled key has a rotation policy with an automatic Rotate action.
# scope: package
# custom:
#   id: azure-keyvault-key-rotation
#   severity: medium
#   area: data-protection
#   resource_type: azure_keyvault_vault
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.3.8"]
#   remediation: >-
#     `az keyvault key rotation-policy update --vault-name VAULT --name KEY --value policy.json` with
#     a Rotate lifetime action (for example 30 days before expiry).
#   rationale: >-
#     Azure runs the Key Vault service and its HSMs (PaaS), but which keys and secrets exist, how long
#     they live, and who may read or delete them is managed by the customer. Azure rotates keys only
#     on a policy the customer sets.
#   pass_message: >-
#     every enabled key in vault {name} rotates automatically
#   depends_on: [keys]
package incloud.azure.keyvault.key_rotation

deny contains {"resource_id": v.id, "message": sprintf("vault %s has keys without automatic rotation: %s", [v.name, concat(", ", missing)])} if {
	some v in input.resources.azure_keyvault_vault
	missing := sort([k.name | some k in v.keys; k.enabled == true; k.auto_rotate == false])
	count(missing) > 0
}
