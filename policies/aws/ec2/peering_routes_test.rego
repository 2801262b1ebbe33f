package incloud.aws.ec2.peering_routes_test

import data.incloud.aws.ec2.peering_routes

route(v4, v6, gateway, pcx) := {
	"destination_cidr_block": v4,
	"destination_ipv6_cidr_block": v6,
	"gateway_id": gateway,
	"vpc_peering_connection_id": pcx,
	"state": "active",
}

local := route("10.0.0.0/16", null, "local", null)

snapshot(routes) := {"resources": {"aws_ec2_route_table": [{
	"id": "arn:aws:ec2:eu-west-1:123456789012:route-table/rtb-0abc",
	"name": "app",
	"region": "eu-west-1",
	"tags": {"Name": "app"},
	"route_table_id": "rtb-0abc",
	"vpc_id": "vpc-1",
	"routes": array.concat([local], routes),
}]}}

id := "arn:aws:ec2:eu-west-1:123456789012:route-table/rtb-0abc"

test_pass_specific_peer_subnets if {
	count(peering_routes.deny) == 0 with input as snapshot([route("10.1.2.0/24", null, null, "pcx-1"), route("10.2.0.0/16", null, null, "pcx-2")])
}

test_pass_default_route_to_internet_gateway if {
	count(peering_routes.deny) == 0 with input as snapshot([route("0.0.0.0/0", null, "igw-1", null), route(null, "::/0", "igw-1", null)])
}

test_fail_default_route_to_peer if {
	peering_routes.deny == {{
		"resource_id": id,
		"message": "route table rtb-0abc (app) routes 0.0.0.0/0 to pcx-1 over VPC peering: destinations broader than /16 are not least access",
	}} with input as snapshot([route("0.0.0.0/0", null, null, "pcx-1")])
}

test_fail_ipv6_default_and_wide_ipv4 if {
	peering_routes.deny == {{
		"resource_id": id,
		"message": "route table rtb-0abc (app) routes 10.0.0.0/8 to pcx-1 and ::/0 to pcx-2 over VPC peering: destinations broader than /16 are not least access",
	}} with input as snapshot([route("10.0.0.0/8", null, null, "pcx-1"), route(null, "::/0", null, "pcx-2")])
}

test_fail_just_shorter_than_16 if {
	count(peering_routes.deny) == 1 with input as snapshot([route("172.16.0.0/15", null, null, "pcx-1")])
}
