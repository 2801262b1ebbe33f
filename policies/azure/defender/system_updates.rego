# METADATA
# title: VMs have their system updates installed
# description: >-
#   Defender for Cloud's assessment 'System updates should be installed on your machines' is Healthy
#   (or NotApplicable) for every VM.
# scope: package
# custom:
#   id: azure-defender-system-updates
#   severity: high
#   area: application-security
#   resource_type: azure_compute_virtual_machine
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.1.10"]
#   remediation: >-
#     Install the missing updates (Azure Update Manager: `az vm assess-patches`, then `az vm
#     install-patches`) and enable periodic assessment.
#   rationale: >-
#     Microsoft operates Defender for Cloud, but its plans and settings stay off until the customer
#     turns them on for the subscription; Microsoft does not enable or pay for protection on the
#     customer's behalf. Patching the guest OS is the customer's duty under IaaS: Azure patches the
#     hosts, never the customer's VMs.
#   pass_message: >-
#     VM {name} has its system updates installed (or none apply)
#   depends_on: [system_updates_assessment]
package incloud.azure.defender.system_updates

deny contains {"resource_id": v.id, "message": sprintf("VM %s is missing system updates (Defender assessment Unhealthy)", [v.name])} if {
	some v in input.resources.azure_compute_virtual_machine
	v.system_updates_assessment == "Unhealthy"
}

unknown contains {"resource_id": v.id, "message": sprintf("Defender for Cloud has no system updates assessment for VM %s", [v.name])} if {
	some v in input.resources.azure_compute_virtual_machine
	is_null(v.system_updates_assessment)
}
