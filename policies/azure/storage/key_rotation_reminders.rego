# METADATA
# title: Storage key rotation reminders are enabled
# description: >-
#   A key expiration policy (key rotation reminder) is set.
# scope: package
# custom:
#   id: azure-storage-key-rotation-reminders
#   severity: low
#   area: user-access-management
#   resource_type: azure_storage_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["4.3"]
#   remediation: >-
#     `az storage account update --name ACCOUNT --key-exp-days 90`.
#   rationale: >-
#     Azure runs the storage service and its hardware (PaaS), but who can reach a storage account,
#     over which protocols, and how its data is kept are account settings the customer chooses for its
#     data. The account keys are the customer's credentials; Azure reminds only when the customer sets
#     a policy.
#   pass_message: >-
#     storage account {name} has a key rotation reminder
#   depends_on: [key_expiration_period_days]
package incloud.azure.storage.key_rotation_reminders

deny contains {"resource_id": a.id, "message": sprintf("storage account %s has no key rotation reminder", [a.name])} if {
	some a in input.resources.azure_storage_account
	is_null(a.key_expiration_period_days)
}
