# METADATA
# title: VMs run as Shielded VMs
# description: Every VM has Shielded VM's vTPM and integrity monitoring enabled.
# scope: package
# custom:
#   id: gcp-compute-instance-shielded-vm
#   severity: medium
#   area: application-security
#   resource_type: gcp_compute_instance
#   service_model: iaas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["4.8"]
#   remediation: Stop the VM, then `gcloud compute instances update VM --zone=ZONE --shielded-vtpm --shielded-learn-integrity-policy --shielded-integrity-monitoring` (and `--shielded-secure-boot` where the image supports it); the image must support Shielded VM.
#   rationale: 'With Compute Engine (IaaS) Google runs the hosts and hypervisor, while the customer owns the guest OS, the VM''s configuration and the identity it runs as: Shielded VM lets the customer verify that its VM booted the code it expects, detecting rootkits and bootkits in the guest, but only when the customer turns it on for its VMs. The integrity of the guest OS is the customer''s duty under IaaS.'
#   pass_message: VM {name} has Shielded VM vTPM and integrity monitoring
#   depends_on: [shielded_instance_config]
package incloud.gcp.compute.instance_shielded_vm

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_compute_instance
	c := i.shielded_instance_config
	missing := {name | some name, on in {"vTPM": c.enable_vtpm, "integrity monitoring": c.enable_integrity_monitoring}; not on}
	count(missing) > 0
	msg := sprintf("VM %s in %s lacks Shielded VM %s", [i.name, i.zone, concat(" and ", sort(missing))])
}
