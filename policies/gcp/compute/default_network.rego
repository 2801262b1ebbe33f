# METADATA
# title: The default network does not exist
# description: 'The project has no VPC network named "default": the auto-created network comes with subnets in every region and permissive firewall rules (SSH, RDP, ICMP from anywhere, all internal traffic).'
# scope: package
# custom:
#   id: gcp-compute-default-network
#   severity: medium
#   area: network-controls
#   resource_type: gcp_compute_network
#   service_model: iaas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["3.1"]
#   remediation: Create a custom-mode network with only the subnets and firewall rules the workloads need, move the workloads, then delete the default network (`gcloud compute networks delete default`). The organization policy `compute.skipDefaultNetworkCreation` keeps new projects without it.
#   rationale: 'Google runs the VPC fabric, but the customer defines its networks, subnets and firewall rules, whoever supplies the firewall: the default network''s pre-populated firewall rules open SSH and RDP to the internet and its subnets span every region, none of which was a deliberate design. Network design and exposure are the customer''s responsibility under IaaS.'
#   pass_message: network {name} is not the default network
#   depends_on: [name, subnet_mode]
package incloud.gcp.compute.default_network

deny contains {"resource_id": n.id, "message": msg} if {
	some n in input.resources.gcp_compute_network
	n.name == "default"
	msg := sprintf("the default network exists (%s mode)", [n.subnet_mode])
}
