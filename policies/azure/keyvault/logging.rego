# METADATA
# title: Key Vault audit logging is enabled
# description: >-
#   A diagnostic setting with a destination sends the vault's AuditEvent logs (or allLogs).
# scope: package
# custom:
#   id: azure-keyvault-logging
#   severity: medium
#   area: compliance-governance
#   resource_type: azure_keyvault_vault
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["6.1.4"]
#   remediation: >-
#     `az monitor diagnostic-settings create --resource VAULT_ID --name audit --workspace WORKSPACE_ID
#     --logs '[{"category":"AuditEvent","enabled":true}]'`.
#   rationale: >-
#     Azure runs the Key Vault service and its HSMs (PaaS), but which keys and secrets exist, how long
#     they live, and who may read or delete them is managed by the customer. Azure records who read
#     which secret only into a destination the customer configures.
#   pass_message: >-
#     vault {name} sends its AuditEvent logs to a destination
#   depends_on: [diagnostic_settings]
package incloud.azure.keyvault.logging

import data.incloud.lib.azure.monitor

deny contains {"resource_id": v.id, "message": sprintf("vault %s does not send AuditEvent logs anywhere", [v.name])} if {
	some v in input.resources.azure_keyvault_vault
	not monitor.log_enabled(v.diagnostic_settings, "AuditEvent")
}
