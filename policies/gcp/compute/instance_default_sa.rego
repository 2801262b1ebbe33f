# METADATA
# title: VMs do not run as the Compute Engine default service account
# description: No VM (GKE nodes excepted) runs as the project's Compute Engine default service account, which has the Editor role unless that grant was removed.
# scope: package
# custom:
#   id: gcp-compute-instance-default-sa
#   severity: medium
#   area: user-access-management
#   resource_type: gcp_compute_instance
#   service_model: iaas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["4.1"]
#   remediation: Create a service account with only the roles the workload needs and switch the VM to it (stop the VM, then `gcloud compute instances set-service-account VM --zone=ZONE --service-account=EMAIL --scopes=cloud-platform`).
#   rationale: 'With Compute Engine (IaaS) Google runs the hosts and hypervisor, while the customer owns the guest OS, the VM''s configuration and the identity it runs as: the default service account is shared by every VM that does not choose another and usually holds Editor on the project, so one compromised VM can change almost anything. Giving each workload its own least-privilege identity is the customer''s duty.'
#   pass_message: VM {name} does not run as the default service account, or is a GKE node
#   depends_on: [service_accounts, tags]
package incloud.gcp.compute.instance_default_sa

import data.incloud.lib.gcp.compute

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_compute_instance
	not compute.gke_node(i)
	some sa in i.service_accounts
	compute.default_service_account(sa.email)
	msg := sprintf("VM %s in %s runs as the default service account %s", [i.name, i.zone, sa.email])
}
