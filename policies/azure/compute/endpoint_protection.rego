# METADATA
# title: VMs have endpoint protection installed
# description: >-
#   The VM has an endpoint protection extension (MDE.Windows, MDE.Linux or IaaSAntimalware)
#   provisioned.
# scope: package
# custom:
#   id: azure-compute-endpoint-protection
#   severity: medium
#   area: application-security
#   resource_type: azure_compute_virtual_machine
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["8.8"]
#   remediation: >-
#     Turn on Defender for Servers with endpoint protection (it deploys MDE), or install the
#     extension: `az vm extension set --vm-name VM --resource-group RG --name MDE.Linux --publisher
#     Microsoft.Azure.AzureDefenderForServers`.
#   rationale: >-
#     With virtual machines (IaaS) the customer owns the OS, its configuration and its data; Azure
#     provides the hosts and the disk service, and the options chosen for disks and VMs are the
#     customer's. Anti-malware inside the guest OS is the customer's under IaaS.
#   pass_message: >-
#     VM {name} has an endpoint protection extension
#   depends_on: [extensions]
package incloud.azure.compute.endpoint_protection

deny contains {"resource_id": v.id, "message": sprintf("VM %s has no endpoint protection extension", [v.name])} if {
	some v in input.resources.azure_compute_virtual_machine
	count([e | some e in v.extensions; e.type in {"MDE.Windows", "MDE.Linux", "IaaSAntimalware"}; e.provisioning_state == "Succeeded"]) == 0
}
