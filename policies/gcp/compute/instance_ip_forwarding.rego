# METADATA
# title: VMs do not forward IP packets
# description: No VM (GKE nodes excepted) has IP forwarding enabled, so it cannot send or receive packets with addresses other than its own.
# scope: package
# custom:
#   id: gcp-compute-instance-ip-forwarding
#   severity: medium
#   area: network-controls
#   resource_type: gcp_compute_instance
#   service_model: iaas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["4.6"]
#   remediation: 'IP forwarding can only be set when a VM is created: recreate the VM without `--can-ip-forward` (and use Cloud NAT or a managed appliance for routing).'
#   rationale: 'With Compute Engine (IaaS) Google runs the hosts and hypervisor, while the customer owns the guest OS, the VM''s configuration and the identity it runs as: a VM that forwards packets can route traffic around the customer''s firewall rules and spoof source addresses. Deciding which VMs may act as routers is the customer''s network design.'
#   pass_message: VM {name} does not forward IP packets, or is a GKE node
#   depends_on: [can_ip_forward, tags]
package incloud.gcp.compute.instance_ip_forwarding

import data.incloud.lib.gcp.compute

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_compute_instance
	not compute.gke_node(i)
	i.can_ip_forward
	msg := sprintf("VM %s in %s has IP forwarding enabled", [i.name, i.zone])
}
