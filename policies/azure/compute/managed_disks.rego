# METADATA
# title: VMs use managed disks
# description: >-
#   The VM's OS and data disks are all managed disks (no unmanaged VHDs in storage accounts).
# scope: package
# custom:
#   id: azure-compute-managed-disks
#   severity: medium
#   area: data-protection
#   resource_type: azure_compute_virtual_machine
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["8.2"]
#   remediation: >-
#     `az vm convert --resource-group RG --name VM` (deallocates the VM).
#   rationale: >-
#     With virtual machines (IaaS) the customer owns the OS, its configuration and its data; Azure
#     provides the hosts and the disk service, and the options chosen for disks and VMs are the
#     customer's. Unmanaged VHDs sit in the customer's storage accounts with its keys and network
#     rules.
#   pass_message: >-
#     VM {name} uses managed disks only
#   depends_on: [unmanaged_disks]
package incloud.azure.compute.managed_disks

deny contains {"resource_id": v.id, "message": sprintf("VM %s has unmanaged disks: %s", [v.name, concat(", ", v.unmanaged_disks)])} if {
	some v in input.resources.azure_compute_virtual_machine
	count(v.unmanaged_disks) > 0
}
