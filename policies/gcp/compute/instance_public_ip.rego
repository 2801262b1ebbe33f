# METADATA
# title: VMs have no external IP addresses
# description: No VM (GKE nodes excepted) has an external IPv4 access config or an external IPv6 address on any network interface.
# scope: package
# custom:
#   id: gcp-compute-instance-public-ip
#   severity: medium
#   area: network-controls
#   resource_type: gcp_compute_instance
#   service_model: iaas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["4.9"]
#   remediation: Remove the access config (`gcloud compute instances delete-access-config VM --zone=ZONE --access-config-name=NAME`) and reach the VM through a load balancer, Cloud NAT for egress and IAP for administration; the organization policy `compute.vmExternalIpAccess` prevents new ones.
#   rationale: 'With Compute Engine (IaaS) Google runs the hosts and hypervisor, while the customer owns the guest OS, the VM''s configuration and the identity it runs as: an external address makes every listening service of the VM reachable from the internet, limited only by the firewall rules. Whether a workload is exposed is the customer''s network decision.'
#   pass_message: VM {name} has no external IP address, or is a GKE node
#   depends_on: [network_interfaces, tags]
package incloud.gcp.compute.instance_public_ip

import data.incloud.lib.gcp.compute

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_compute_instance
	not compute.gke_node(i)
	external := {sprintf("%s (%s)", [n.network, a.name]) |
		some n in i.network_interfaces
		some a in array.concat(n.access_configs, n.ipv6_access_configs)
	}
	count(external) > 0
	msg := sprintf("VM %s in %s has an external IP address", [i.name, i.zone])
}
