# METADATA
# title: The activity log storage account uses a customer-managed key
# description: >-
#   Every storage account the activity log is exported to is encrypted with a customer-managed key.
#   Subscriptions that export to no storage account pass.
# scope: package
# custom:
#   id: azure-monitor-activity-log-storage-cmk
#   severity: low
#   area: data-protection
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["6.1.3"]
#   remediation: >-
#     Configure the log storage account for customer-managed keys: `az storage account update --name
#     ACCOUNT --encryption-key-source Microsoft.Keyvault ...`.
#   rationale: >-
#     Azure records activity and resource logs, but keeps them only briefly and alerts no one unless
#     the customer configures export and alert rules; the audit trail auditors ask for is the
#     customer's to keep. Control over the key protecting the customer's audit evidence is the
#     customer's option.
#   pass_message: >-
#     subscription {name}: no activity log export goes to a storage account without a customer-managed
#     key
#   depends_on: [activity_log_diagnostic_settings, azure_storage_account.encryption_key_source]
package incloud.azure.monitor.activity_log_storage_cmk

deny contains {"resource_id": s.id, "message": sprintf("the activity log goes to storage account %s, which uses Microsoft-managed keys", [a.name])} if {
	some s in input.resources.azure_subscription
	some d in s.activity_log_diagnostic_settings
	is_string(d.storage_account_id)
	a := accounts[lower(d.storage_account_id)]
	a.encryption_key_source != "Microsoft.Keyvault"
}

accounts := {lower(a.id): a | some a in input.resources.azure_storage_account}

unknown contains {"resource_id": s.id, "message": sprintf("the activity log goes to storage account %s, which is not in the snapshot", [d.storage_account_id])} if {
	some s in input.resources.azure_subscription
	some d in s.activity_log_diagnostic_settings
	is_string(d.storage_account_id)
	not accounts[lower(d.storage_account_id)]
}
