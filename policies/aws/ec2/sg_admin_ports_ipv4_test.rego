package incloud.aws.ec2.sg_admin_ports_ipv4_test

import data.incloud.aws.ec2.sg_admin_ports_ipv4

rule(protocol, from, to, v4, v6) := {
	"ip_protocol": protocol, "from_port": from, "to_port": to,
	"ipv4_ranges": v4, "ipv6_ranges": v6, "prefix_list_ids": [], "source_group_ids": [],
}

sg(ingress, egress) := {
	"id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0abc",
	"name": "web",
	"region": "eu-west-1",
	"tags": {},
	"group_id": "sg-0abc",
	"vpc_id": "vpc-1",
	"description": "web servers",
	"is_default": false,
	"ingress_rules": ingress,
	"egress_rules": egress,
}

snapshot(ingress) := {"resources": {"aws_ec2_security_group": [sg(ingress, [rule("-1", null, null, ["0.0.0.0/0"], ["::/0"])])]}}

test_pass_https_only if {
	count(sg_admin_ports_ipv4.deny) == 0 with input as snapshot([rule("tcp", 443, 443, ["0.0.0.0/0"], ["::/0"])])
}

test_pass_ssh_from_private_range if {
	count(sg_admin_ports_ipv4.deny) == 0 with input as snapshot([rule("tcp", 22, 22, ["10.0.0.0/8"], [])])
}

test_pass_ssh_from_ipv6_only if {
	count(sg_admin_ports_ipv4.deny) == 0 with input as snapshot([rule("tcp", 22, 22, [], ["::/0"])])
}

test_pass_udp_range if {
	count(sg_admin_ports_ipv4.deny) == 0 with input as snapshot([rule("udp", 0, 65535, ["0.0.0.0/0"], [])])
}

# Egress rules never count: the fixture's egress allows everything everywhere.
test_pass_egress_ignored if {
	count(sg_admin_ports_ipv4.deny) == 0 with input as snapshot([])
}

test_fail_ssh if {
	sg_admin_ports_ipv4.deny == {{
		"resource_id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0abc",
		"message": "security group sg-0abc (web) allows TCP 22 from 0.0.0.0/0",
	}} with input as snapshot([rule("tcp", 22, 22, ["10.0.0.0/8", "0.0.0.0/0"], [])])
}

test_fail_rdp_in_range if {
	sg_admin_ports_ipv4.deny == {{
		"resource_id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0abc",
		"message": "security group sg-0abc (web) allows TCP 3000-4000 (including 3389) from 0.0.0.0/0",
	}} with input as snapshot([rule("tcp", 3000, 4000, ["0.0.0.0/0"], [])])
}

test_fail_range_covering_both if {
	sg_admin_ports_ipv4.deny == {{
		"resource_id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0abc",
		"message": "security group sg-0abc (web) allows TCP 0-65535 (including 22, 3389) from 0.0.0.0/0",
	}} with input as snapshot([rule("tcp", 0, 65535, ["0.0.0.0/0"], [])])
}

test_fail_all_traffic_null_ports if {
	sg_admin_ports_ipv4.deny == {{
		"resource_id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0abc",
		"message": "security group sg-0abc (web) allows all traffic (including TCP 22, 3389) from 0.0.0.0/0",
	}} with input as snapshot([rule("-1", null, null, ["0.0.0.0/0"], [])])
}

test_fail_two_rules_one_finding if {
	sg_admin_ports_ipv4.deny == {{
		"resource_id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0abc",
		"message": "security group sg-0abc (web) allows TCP 22 and TCP 3389 from 0.0.0.0/0",
	}} with input as snapshot([rule("tcp", 3389, 3389, ["0.0.0.0/0"], []), rule("tcp", 22, 22, ["0.0.0.0/0"], [])])
}

test_fail_protocol_number if {
	count(sg_admin_ports_ipv4.deny) == 1 with input as snapshot([rule("6", 22, 22, ["0.0.0.0/0"], [])])
}

test_pass_range_just_outside if {
	count(sg_admin_ports_ipv4.deny) == 0 with input as snapshot([rule("tcp", 23, 3388, ["0.0.0.0/0"], []), rule("tcp", 3390, 65535, ["0.0.0.0/0"], [])])
}
