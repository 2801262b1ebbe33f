# METADATA
# title: Persistent disks are encrypted with customer-supplied keys
# description: Every persistent disk is encrypted with a customer-supplied encryption key (CSEK), as CIS asks for critical VMs; Google-managed and Cloud KMS (CMEK) keys fail. Waive the disks of VMs you do not consider critical.
# scope: package
# custom:
#   id: gcp-compute-disk-csek
#   severity: low
#   area: data-protection
#   resource_type: gcp_compute_disk
#   service_model: iaas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["4.7"]
#   remediation: 'CSEK is set when a disk is created: create a snapshot, then a new disk from it with `--csek-key-file=KEYS.json`, and attach it in place of the old one.'
#   rationale: 'With Compute Engine (IaaS) Google runs the hosts and hypervisor, while the customer owns the guest OS, the VM''s configuration and the identity it runs as: with a customer-supplied key Google holds the key only while the disk is in use, so the data cannot be read without the customer. Deciding which data needs that level of key control, and managing those keys, is the customer''s data-protection duty.'
#   pass_message: disk {name} is encrypted with a customer-supplied key
#   depends_on: [encryption]
package incloud.gcp.compute.disk_csek

deny contains {"resource_id": d.id, "message": msg} if {
	some d in input.resources.gcp_compute_disk
	d.encryption != "customer-supplied"
	msg := sprintf("disk %s in %s is encrypted with a %s key, not a customer-supplied one", [d.name, d.region, d.encryption])
}
