# METADATA
# title: VMs do not run as the default service account with full API access
# description: No VM (GKE nodes excepted) runs as the Compute Engine default service account with the cloud-platform scope ("Allow full access to all Cloud APIs").
# scope: package
# custom:
#   id: gcp-compute-instance-default-sa-full-access
#   severity: high
#   area: user-access-management
#   resource_type: gcp_compute_instance
#   service_model: iaas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["4.2"]
#   remediation: 'Switch the VM to a dedicated least-privilege service account, or at least to the default scopes: stop the VM, then `gcloud compute instances set-service-account VM --zone=ZONE --service-account=EMAIL --scopes=cloud-platform` with a dedicated account, or `--scopes=default` with the default one.'
#   rationale: 'With Compute Engine (IaaS) Google runs the hosts and hypervisor, while the customer owns the guest OS, the VM''s configuration and the identity it runs as: with full access scope, the default account''s Editor role is usable by any process on the VM through the metadata server. Limiting what a VM''s software may do in the project is the customer''s identity decision.'
#   pass_message: VM {name} does not run as the default service account with full API access, or is a GKE node
#   depends_on: [service_accounts, tags]
package incloud.gcp.compute.instance_default_sa_full_access

import data.incloud.lib.gcp.compute

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_compute_instance
	not compute.gke_node(i)
	some sa in i.service_accounts
	compute.default_service_account(sa.email)
	"https://www.googleapis.com/auth/cloud-platform" in sa.scopes
	msg := sprintf("VM %s in %s runs as the default service account with full access to all Cloud APIs", [i.name, i.zone])
}
