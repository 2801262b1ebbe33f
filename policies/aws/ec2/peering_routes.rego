# METADATA
# title: VPC peering routes are least access
# description: >-
#   No route table sends 0.0.0.0/0, ::/0 or any destination with a prefix shorter than /16 to a VPC
#   peering connection: peering routes name the peer's subnets, not the whole network.
# scope: package
# custom:
#   id: aws-ec2-peering-routes
#   severity: low
#   area: network-controls
#   resource_type: aws_ec2_route_table
#   service_model: iaas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["6.6"]
#   remediation: >-
#     VPC console > Route tables > table > Routes > Edit routes: replace each broad route to the
#     peering connection (pcx-...) with routes to the specific peer subnets that need to be reached,
#     e.g. aws ec2 delete-route --route-table-id RTB_ID --destination-cidr-block 10.0.0.0/8 and
#     aws ec2 create-route --route-table-id RTB_ID --destination-cidr-block 10.1.2.0/24
#     --vpc-peering-connection-id PCX_ID.
#   rationale: >-
#     AWS carries traffic over a peering connection only where the customer's route tables send
#     it. Routes are part of the network configuration the customer owns in IaaS, like firewall
#     rules: routing a whole address space to a peer widens what the peer's hosts and the
#     customer's instances can reach beyond what the workloads need.
#   pass_message: route table {name} routes no destination broader than /16 over VPC peering
#   depends_on: [routes, route_table_id]
package incloud.aws.ec2.peering_routes

import data.incloud.lib.aws.network as net

min_prefix := 16

destinations(route) := {d |
	some d in [route.destination_cidr_block, route.destination_ipv6_cidr_block]
	is_string(d)
}

# The broad peering routes are collected inline for each table (no per-table helper call, whose
# result OPA would cache per table: tables' routes all differ), peering routes first.
deny contains {"resource_id": rt.id, "message": msg} if {
	some rt in input.resources.aws_ec2_route_table
	broad := {sprintf("%s to %s", [dest, route.vpc_peering_connection_id]) |
		some route in rt.routes
		is_string(route.vpc_peering_connection_id)
		some dest in destinations(route)
		net.prefix_length(dest) < min_prefix
	}
	count(broad) > 0
	msg := sprintf("route table %s routes %s over VPC peering: destinations broader than /%d are not least access", [
		net.label(rt.route_table_id, rt.name),
		concat(" and ", sort(broad)),
		min_prefix,
	])
}
