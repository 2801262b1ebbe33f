# METADATA
# title: Storage account keys are regenerated within 90 days
# description: >-
#   Both access keys were created (regenerated) less than 90 days before the snapshot. Accounts with
#   shared key access disabled pass.
# scope: package
# custom:
#   id: azure-storage-key-regeneration
#   severity: medium
#   area: user-access-management
#   resource_type: azure_storage_account
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["4.4"]
#   remediation: >-
#     `az storage account keys renew --account-name ACCOUNT --key key1` (then key2, after moving
#     clients), or disable shared key access and use Entra ID.
#   rationale: >-
#     Azure runs the storage service and its hardware (PaaS), but who can reach a storage account,
#     over which protocols, and how its data is kept are account settings the customer chooses for its
#     data. Azure never regenerates account keys on its own; an old key has had longer to leak.
#   pass_message: >-
#     storage account {name}'s keys are less than 90 days old, or shared key access is off
#   depends_on: [key_creation_times, allow_shared_key_access]
package incloud.azure.storage.key_regeneration

import data.incloud.lib.time

deny contains {"resource_id": a.id, "message": sprintf("storage account %s has keys not regenerated for 90 days or more: %s", [a.name, concat(", ", old)])} if {
	some a in input.resources.azure_storage_account
	a.allow_shared_key_access == true
	old := [k | some k in ["key1", "key2"]; ts := a.key_creation_times[k]; is_string(ts); time.days_since(ts) >= 90]
	count(old) > 0
}

unknown contains {"resource_id": a.id, "message": sprintf("storage account %s: Azure records no creation time for a key (never regenerated since 2019?)", [a.name])} if {
	some a in input.resources.azure_storage_account
	a.allow_shared_key_access == true
	some k in ["key1", "key2"]
	is_null(a.key_creation_times[k])
}
