# METADATA
# title: VMs block project-wide SSH keys
# description: Every VM (GKE nodes excepted) has the metadata flag block-project-ssh-keys set to true, so that SSH keys in project metadata do not open it.
# scope: package
# custom:
#   id: gcp-compute-instance-block-project-ssh-keys
#   severity: medium
#   area: user-access-management
#   resource_type: gcp_compute_instance
#   service_model: iaas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["4.3"]
#   remediation: '`gcloud compute instances add-metadata VM --zone=ZONE --metadata=block-project-ssh-keys=TRUE`; better, use OS Login.'
#   rationale: 'With Compute Engine (IaaS) Google runs the hosts and hypervisor, while the customer owns the guest OS, the VM''s configuration and the identity it runs as: a key in project metadata logs in to every VM that does not block it, so one leaked key opens the whole fleet. Controlling who can log in to its VMs is the customer''s access-management duty.'
#   pass_message: VM {name} blocks project-wide SSH keys, or is a GKE node
#   depends_on: [metadata, tags]
package incloud.gcp.compute.instance_block_project_ssh_keys

import data.incloud.lib.gcp.compute

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_compute_instance
	not compute.gke_node(i)
	not compute.flag_true(i.metadata, "block-project-ssh-keys")
	msg := sprintf("VM %s in %s accepts project-wide SSH keys", [i.name, i.zone])
}
