# METADATA
# title: Key Vault secrets have an expiration date
# description: >-
#   Every enabled secret in the vault (RBAC or access-policy permission model), other than those
#   backing certificates, has an expiration date.
# scope: package
# custom:
#   id: azure-keyvault-secret-expiry
#   severity: medium
#   area: data-protection
#   resource_type: azure_keyvault_vault
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.3.3", "3.3.4"]
#   remediation: >-
#     Set an expiry on each secret: `az keyvault secret set-attributes --vault-name VAULT --name
#     SECRET --expires 2027-01-01T00:00:00Z`, and rotate before it.
#   rationale: >-
#     Azure runs the Key Vault service and its HSMs (PaaS), but which keys and secrets exist, how long
#     they live, and who may read or delete them is managed by the customer. A secret without an end
#     date stays valid indefinitely wherever it was copied.
#   pass_message: >-
#     every enabled secret in vault {name} has an expiration date
#   depends_on: [secrets, enable_rbac_authorization]
package incloud.azure.keyvault.secret_expiry

deny contains {"resource_id": v.id, "message": sprintf("vault %s (%s) has secrets without an expiration date: %s", [v.name, model(v), concat(", ", missing)])} if {
	some v in input.resources.azure_keyvault_vault
	missing := sort([x.name | some x in v.secrets; x.enabled == true; x.managed == false; is_null(x.expires)])
	count(missing) > 0
}

model(v) := "RBAC" if v.enable_rbac_authorization == true

model(v) := "access policies" if v.enable_rbac_authorization == false
