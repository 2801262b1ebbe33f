package incloud.aws.ec2.sg_admin_ports_ipv6_test

import data.incloud.aws.ec2.sg_admin_ports_ipv6

rule(protocol, from, to, v4, v6) := {
	"ip_protocol": protocol, "from_port": from, "to_port": to,
	"ipv4_ranges": v4, "ipv6_ranges": v6, "prefix_list_ids": [], "source_group_ids": [],
}

snapshot(ingress) := {"resources": {"aws_ec2_security_group": [{
	"id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0abc",
	"name": "bastion",
	"region": "eu-west-1",
	"tags": {},
	"group_id": "sg-0abc",
	"vpc_id": "vpc-1",
	"description": "bastion",
	"is_default": false,
	"ingress_rules": ingress,
	"egress_rules": [rule("-1", null, null, ["0.0.0.0/0"], ["::/0"])],
}]}}

test_pass_ipv4_only if {
	count(sg_admin_ports_ipv6.deny) == 0 with input as snapshot([rule("tcp", 22, 22, ["0.0.0.0/0"], [])])
}

test_pass_specific_ipv6_range if {
	count(sg_admin_ports_ipv6.deny) == 0 with input as snapshot([rule("tcp", 22, 22, [], ["2001:db8::/32"])])
}

test_pass_other_port if {
	count(sg_admin_ports_ipv6.deny) == 0 with input as snapshot([rule("tcp", 443, 443, [], ["::/0"])])
}

test_fail_ssh if {
	sg_admin_ports_ipv6.deny == {{
		"resource_id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0abc",
		"message": "security group sg-0abc (bastion) allows TCP 22 from ::/0",
	}} with input as snapshot([rule("tcp", 22, 22, ["0.0.0.0/0"], ["::/0"])])
}

test_fail_all_traffic if {
	sg_admin_ports_ipv6.deny == {{
		"resource_id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0abc",
		"message": "security group sg-0abc (bastion) allows all traffic (including TCP 22, 3389) from ::/0",
	}} with input as snapshot([rule("-1", null, null, [], ["::/0"])])
}

test_fail_rdp_range if {
	sg_admin_ports_ipv6.deny == {{
		"resource_id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0abc",
		"message": "security group sg-0abc (bastion) allows TCP 3389-3390 (including 3389) from ::/0",
	}} with input as snapshot([rule("tcp", 3389, 3390, [], ["::/0"])])
}
