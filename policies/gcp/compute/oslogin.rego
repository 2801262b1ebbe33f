# METADATA
# title: OS Login is enabled for the project
# description: The project-wide metadata sets enable-oslogin to true and no VM overrides it with false, so SSH access to VMs is granted through IAM instead of metadata keys.
# scope: package
# custom:
#   id: gcp-compute-oslogin
#   severity: medium
#   area: user-access-management
#   resource_type: gcp_project
#   service_model: iaas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["4.4"]
#   remediation: '`gcloud compute project-info add-metadata --metadata=enable-oslogin=TRUE`, and remove `enable-oslogin=FALSE` from the VMs that set it (`gcloud compute instances remove-metadata VM --zone=ZONE --keys=enable-oslogin`).'
#   rationale: 'With Compute Engine (IaaS) Google runs the hosts and hypervisor, while the customer owns the guest OS, the VM''s configuration and the identity it runs as: OS Login ties Linux accounts to IAM identities, so access is revoked when someone leaves and shows in the audit logs; metadata SSH keys do neither. Managing access to its VMs is the customer''s duty.'
#   pass_message: project {name} enables OS Login and no VM turns it off
#   depends_on: [compute_metadata, gcp_compute_instance.metadata]
package incloud.gcp.compute.oslogin

import data.incloud.lib.gcp.compute

deny contains {"resource_id": p.id, "message": msg} if {
	some p in input.resources.gcp_project
	not compute.flag_true(p.compute_metadata, "enable-oslogin")
	msg := sprintf("project %s does not enable OS Login in its metadata", [p.project_id])
}

deny contains {"resource_id": p.id, "message": msg} if {
	some p in input.resources.gcp_project
	off := {i.name | some i in input.resources.gcp_compute_instance; compute.flag_false(i.metadata, "enable-oslogin")}
	count(off) > 0
	msg := sprintf("VMs turn OS Login off: %s", [concat(", ", sort(off))])
}
