# METADATA
# title: VMs use Confidential Computing
# description: Every VM has Confidential VM enabled, so that its memory is encrypted with keys the host cannot read (requires a supported machine type such as N2D or C2D).
# scope: package
# custom:
#   id: gcp-compute-instance-confidential-computing
#   severity: low
#   area: data-protection
#   resource_type: gcp_compute_instance
#   service_model: iaas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["4.11"]
#   remediation: 'Confidential VM is chosen at creation: recreate the VM with `gcloud compute instances create VM --confidential-compute-type=SEV --machine-type=n2d-standard-2 --maintenance-policy=TERMINATE ...`.'
#   rationale: 'With Compute Engine (IaaS) Google runs the hosts and hypervisor, while the customer owns the guest OS, the VM''s configuration and the identity it runs as: Confidential VM encrypts data in use, so that even a compromised host cannot read the VM''s memory, but only for VMs the customer creates that way. Choosing the protection level for its data in use is the customer''s data-protection decision.'
#   pass_message: VM {name} is a Confidential VM
#   depends_on: [confidential_compute]
package incloud.gcp.compute.instance_confidential_computing

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_compute_instance
	not i.confidential_compute
	msg := sprintf("VM %s in %s (%s) is not a Confidential VM", [i.name, i.zone, i.machine_type])
}
