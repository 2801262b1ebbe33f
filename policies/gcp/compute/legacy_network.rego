# METADATA
# title: No legacy networks
# description: No VPC network is a legacy network (one IPv4 range for the whole network, no subnets, no flow logs or private access per subnet).
# scope: package
# custom:
#   id: gcp-compute-legacy-network
#   severity: medium
#   area: network-controls
#   resource_type: gcp_compute_network
#   service_model: iaas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["3.2"]
#   remediation: Create a custom-mode VPC network, move the workloads to it and delete the legacy network, or convert it to auto mode and then to custom mode (`gcloud compute networks subnets ...` is not available on legacy networks).
#   rationale: 'Google runs the VPC fabric, but the customer defines its networks, subnets and firewall rules, whoever supplies the firewall: a legacy network has one global IP range and cannot have subnets, VPC flow logs or per-subnet private access, so the customer cannot segment or observe its traffic. Choosing the network type is the customer''s network design decision under IaaS.'
#   pass_message: network {name} is not a legacy network
#   depends_on: [subnet_mode]
package incloud.gcp.compute.legacy_network

deny contains {"resource_id": n.id, "message": msg} if {
	some n in input.resources.gcp_compute_network
	n.subnet_mode == "legacy"
	msg := sprintf("network %s is a legacy network", [n.name])
}
