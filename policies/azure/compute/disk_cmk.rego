# METADATA
# title: Managed disks use customer-managed keys
# description: >-
#   The disk (attached or not) is encrypted at rest with a customer-managed key.
# scope: package
# custom:
#   id: azure-compute-disk-cmk
#   severity: low
#   area: data-protection
#   resource_type: azure_compute_disk
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["8.3", "8.4"]
#   remediation: >-
#     Create a disk encryption set with a Key Vault key and assign it: `az disk update --name DISK
#     --resource-group RG --encryption-type EncryptionAtRestWithCustomerKey --disk-encryption-set
#     DES_ID`.
#   rationale: >-
#     With virtual machines (IaaS) the customer owns the OS, its configuration and its data; Azure
#     provides the hosts and the disk service, and the options chosen for disks and VMs are the
#     customer's. Control of the key protecting the customer's disks is the customer's option.
#   pass_message: >-
#     disk {name} is encrypted with a customer-managed key
#   depends_on: [encryption_type, disk_state]
package incloud.azure.compute.disk_cmk

deny contains {"resource_id": d.id, "message": sprintf("disk %s (%s) is encrypted with platform-managed keys only", [d.name, d.disk_state])} if {
	some d in input.resources.azure_compute_disk
	d.encryption_type == "EncryptionAtRestWithPlatformKey"
}
