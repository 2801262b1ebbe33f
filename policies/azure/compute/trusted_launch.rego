# METADATA
# title: VMs use Trusted Launch
# description: >-
#   The VM's security type is TrustedLaunch (or ConfidentialVM) with Secure Boot and vTPM on.
# scope: package
# custom:
#   id: azure-compute-trusted-launch
#   severity: medium
#   area: application-security
#   resource_type: azure_compute_virtual_machine
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["8.11"]
#   remediation: >-
#     Enable Trusted Launch on the VM (Generation 2 images: `az vm update --resource-group RG --name
#     VM --security-type TrustedLaunch --enable-secure-boot true --enable-vtpm true`, VM deallocated).
#   rationale: >-
#     With virtual machines (IaaS) the customer owns the OS, its configuration and its data; Azure
#     provides the hosts and the disk service, and the options chosen for disks and VMs are the
#     customer's. Protecting the customer's boot chain against rootkits is a VM option the customer
#     selects.
#   pass_message: >-
#     VM {name} uses Trusted Launch with Secure Boot and vTPM
#   depends_on: [security_type, secure_boot_enabled, vtpm_enabled]
package incloud.azure.compute.trusted_launch

deny contains {"resource_id": v.id, "message": sprintf("VM %s does not use Trusted Launch with Secure Boot and vTPM", [v.name])} if {
	some v in input.resources.azure_compute_virtual_machine
	not trusted(v)
}

trusted(v) if {
	v.security_type in {"TrustedLaunch", "ConfidentialVM"}
	v.secure_boot_enabled == true
	v.vtpm_enabled == true
}
