# METADATA
# title: Default security groups allow no traffic
# description: >-
#   The default security group of every VPC has no inbound and no outbound rules, so that
#   resources launched without a chosen security group can neither receive nor send traffic.
# scope: package
# custom:
#   id: aws-ec2-default-sg-closed
#   severity: medium
#   area: network-controls
#   resource_type: aws_ec2_security_group
#   service_model: iaas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["6.5"]
#   remediation: >-
#     First move any instance or interface still using the default group to purpose-made security
#     groups. Then EC2 console > Security Groups > the VPC's "default" group > Inbound rules > Edit
#     > delete all, and the same for Outbound rules, or aws ec2 revoke-security-group-ingress and
#     aws ec2 revoke-security-group-egress --group-id SG_ID --ip-permissions with the existing
#     rules (aws ec2 describe-security-groups --group-ids SG_ID lists them).
#   rationale: >-
#     AWS creates every VPC with a default security group that allows traffic between its members
#     and all outbound traffic. Its rules are firewall rules, which are always the customer's to
#     configure whoever supplies the firewall: closing it makes sure the customer's instances (IaaS)
#     only ever communicate through security groups chosen on purpose.
#   pass_message: security group {name} is not a default group with rules
#   depends_on: [is_default, ingress_rules, egress_rules, group_id, vpc_id]
package incloud.aws.ec2.default_sg_closed

count_rules(rules) := count(rules) if is_array(rules)

count_rules(rules) := 0 if not is_array(rules)

deny contains {"resource_id": sg.id, "message": msg} if {
	some sg in input.resources.aws_ec2_security_group
	sg.is_default == true
	inbound := count_rules(sg.ingress_rules)
	outbound := count_rules(sg.egress_rules)
	inbound + outbound > 0
	msg := sprintf("default security group %s of %s has %s and %s; it should have none", [
		sg.group_id,
		sg.vpc_id,
		rules_text(inbound, "inbound"),
		rules_text(outbound, "outbound"),
	])
}

rules_text(0, direction) := sprintf("no %s rules", [direction])

rules_text(1, direction) := sprintf("1 %s rule", [direction])

rules_text(n, direction) := sprintf("%d %s rules", [n, direction]) if n > 1
