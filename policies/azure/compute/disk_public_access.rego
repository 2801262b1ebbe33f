# METADATA
# title: Disks are not exportable from all networks
# description: >-
#   The disk's network access policy is not AllowAll with public network access Enabled.
# scope: package
# custom:
#   id: azure-compute-disk-public-access
#   severity: medium
#   area: network-controls
#   resource_type: azure_compute_disk
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["8.5"]
#   remediation: >-
#     `az disk update --name DISK --resource-group RG --network-access-policy DenyAll
#     --public-network-access Disabled` (or AllowPrivate with a disk access resource).
#   rationale: >-
#     With virtual machines (IaaS) the customer owns the OS, its configuration and its data; Azure
#     provides the hosts and the disk service, and the options chosen for disks and VMs are the
#     customer's. Who can download (export) the customer's disk over the internet is the customer's
#     setting.
#   pass_message: >-
#     disk {name} cannot be exported from all networks
#   depends_on: [network_access_policy, public_network_access]
package incloud.azure.compute.disk_public_access

deny contains {"resource_id": d.id, "message": sprintf("disk %s can be exported from all networks", [d.name])} if {
	some d in input.resources.azure_compute_disk
	d.network_access_policy == "AllowAll"
	d.public_network_access == "Enabled"
}
