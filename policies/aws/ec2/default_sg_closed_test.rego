package incloud.aws.ec2.default_sg_closed_test

import data.incloud.aws.ec2.default_sg_closed

self_rule := {
	"ip_protocol": "-1", "from_port": null, "to_port": null,
	"ipv4_ranges": [], "ipv6_ranges": [], "prefix_list_ids": [], "source_group_ids": ["sg-0def"],
}

all_out := {
	"ip_protocol": "-1", "from_port": null, "to_port": null,
	"ipv4_ranges": ["0.0.0.0/0"], "ipv6_ranges": [], "prefix_list_ids": [], "source_group_ids": [],
}

sg(group_id, is_default, ingress, egress) := {
	"id": sprintf("arn:aws:ec2:eu-west-1:123456789012:security-group/%s", [group_id]),
	"name": "default",
	"region": "eu-west-1",
	"tags": {},
	"group_id": group_id,
	"vpc_id": "vpc-1",
	"description": "default VPC security group",
	"is_default": is_default,
	"ingress_rules": ingress,
	"egress_rules": egress,
}

test_pass_closed if {
	count(default_sg_closed.deny) == 0 with input as {"resources": {"aws_ec2_security_group": [sg("sg-0def", true, [], [])]}}
}

test_pass_non_default_with_rules if {
	count(default_sg_closed.deny) == 0 with input as {"resources": {"aws_ec2_security_group": [sg("sg-0web", false, [self_rule], [all_out])]}}
}

test_fail_as_created if {
	default_sg_closed.deny == {{
		"resource_id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0def",
		"message": "default security group sg-0def of vpc-1 has 1 inbound rule and 1 outbound rule; it should have none",
	}} with input as {"resources": {"aws_ec2_security_group": [sg("sg-0def", true, [self_rule], [all_out])]}}
}

test_fail_several_inbound if {
	default_sg_closed.deny == {{
		"resource_id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0def",
		"message": "default security group sg-0def of vpc-1 has 2 inbound rules and no outbound rules; it should have none",
	}} with input as {"resources": {"aws_ec2_security_group": [sg("sg-0def", true, [self_rule, all_out], [])]}}
}

test_fail_egress_only if {
	default_sg_closed.deny == {{
		"resource_id": "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0def",
		"message": "default security group sg-0def of vpc-1 has no inbound rules and 1 outbound rule; it should have none",
	}} with input as {"resources": {"aws_ec2_security_group": [sg("sg-0def", true, [], [all_out])]}}
}
