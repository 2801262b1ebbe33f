# METADATA
# title: Disk export requires Entra ID data access authentication
# description: >-
#   The disk's data access authentication mode is AzureActiveDirectory.
# scope: package
# custom:
#   id: azure-compute-disk-entra-auth
#   severity: low
#   area: user-access-management
#   resource_type: azure_compute_disk
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["8.6"]
#   remediation: >-
#     `az disk update --name DISK --resource-group RG --data-access-auth-mode AzureActiveDirectory`.
#   rationale: >-
#     With virtual machines (IaaS) the customer owns the OS, its configuration and its data; Azure
#     provides the hosts and the disk service, and the options chosen for disks and VMs are the
#     customer's. Requiring an Entra identity for disk export SAS is a disk option the customer sets.
#   pass_message: >-
#     disk {name} requires Entra ID authentication for data access
#   depends_on: [data_access_auth_mode]
package incloud.azure.compute.disk_entra_auth

deny contains {"resource_id": d.id, "message": sprintf("disk %s does not require Entra ID authentication for data access", [d.name])} if {
	some d in input.resources.azure_compute_disk
	not entra_auth(d)
}

entra_auth(d) if d.data_access_auth_mode == "AzureActiveDirectory"
