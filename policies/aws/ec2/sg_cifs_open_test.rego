package incloud.aws.ec2.sg_cifs_open_test

import data.incloud.aws.ec2.sg_cifs_open

rule(protocol, from, to, v4, v6) := {
	"ip_protocol": protocol, "from_port": from, "to_port": to,
	"ipv4_ranges": v4, "ipv6_ranges": v6, "prefix_list_ids": [], "source_group_ids": [],
}

snapshot(ingress) := {"resources": {"aws_ec2_security_group": [{
	"id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0fs",
	"name": "files",
	"region": "eu-west-1",
	"tags": {},
	"group_id": "sg-0fs",
	"vpc_id": "vpc-1",
	"description": "file servers",
	"is_default": false,
	"ingress_rules": ingress,
	"egress_rules": [rule("-1", null, null, ["0.0.0.0/0"], ["::/0"])],
}]}}

test_pass_trusted_network if {
	count(sg_cifs_open.deny) == 0 with input as snapshot([rule("tcp", 445, 445, ["10.0.0.0/8"], ["fd00::/8"])])
}

test_pass_udp_445 if {
	count(sg_cifs_open.deny) == 0 with input as snapshot([rule("udp", 445, 445, ["0.0.0.0/0"], [])])
}

test_pass_egress_only if {
	count(sg_cifs_open.deny) == 0 with input as snapshot([])
}

test_fail_ipv4 if {
	sg_cifs_open.deny == {{
		"resource_id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0fs",
		"message": "security group sg-0fs (files) allows TCP 445 from 0.0.0.0/0",
	}} with input as snapshot([rule("tcp", 445, 445, ["0.0.0.0/0"], [])])
}

test_fail_one_rule_both_families if {
	sg_cifs_open.deny == {{
		"resource_id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0fs",
		"message": "security group sg-0fs (files) allows TCP 445 from 0.0.0.0/0 and ::/0",
	}} with input as snapshot([rule("tcp", 445, 445, ["0.0.0.0/0"], ["::/0"])])
}

test_fail_both_families if {
	sg_cifs_open.deny == {{
		"resource_id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0fs",
		"message": "security group sg-0fs (files) allows TCP 400-500 (including 445) from 0.0.0.0/0; all traffic (including TCP 445) from ::/0",
	}} with input as snapshot([rule("tcp", 400, 500, ["0.0.0.0/0"], []), rule("-1", null, null, [], ["::/0"])])
}
