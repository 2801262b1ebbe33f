# METADATA
# title: Security groups do not open administration ports to the IPv6 internet
# description: >-
#   No security group has an ingress rule that admits TCP port 22 (SSH) or 3389 (RDP) from
#   ::/0, whether by naming the port, a port range that contains it, or all traffic.
# scope: package
# custom:
#   id: aws-ec2-sg-admin-ports-ipv6
#   severity: high
#   area: network-controls
#   resource_type: aws_ec2_security_group
#   service_model: iaas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["6.4"]
#   remediation: >-
#     EC2 console > Security Groups > group > Inbound rules > Edit: replace the source ::/0 of
#     the rules covering ports 22 and 3389 with the administrators' address ranges or a security
#     group, or delete them (aws ec2 revoke-security-group-ingress --group-id SG_ID
#     --ip-permissions IpProtocol=tcp,FromPort=22,ToPort=22,Ipv6Ranges=[{CidrIpv6=::/0}]). Prefer
#     AWS Systems Manager Session Manager or EC2 Instance Connect Endpoint, which need no open port.
#   rationale: >-
#     AWS supplies security groups and enforces them in its network, but their rules are firewall
#     rules, which are always the customer's to configure whoever supplies the firewall. SSH and RDP
#     open to the whole IPv6 internet invite password guessing and exploits against the customer's
#     instances, whose operating systems (IaaS) the customer also owns.
#   pass_message: security group {name} does not open TCP 22 or 3389 to ::/0
#   depends_on: [ingress_rules, group_id]
package incloud.aws.ec2.sg_admin_ports_ipv6

import data.incloud.lib.aws.network as net

admin_ports := {22, 3389}

# Evaluation cost grows with every resource, and most groups admit nothing from ::/0: the
# first pass (candidates) uses only literals and cheap tests on each rule; ports, texts and the
# message are worked out for the candidate groups alone.

# candidates are the indexes of the security groups with an ingress rule from ::/0 that may cover
# an administration port (a superset of the failing groups: deny decides exactly).
candidates contains i if {
	some i, sg in input.resources.aws_ec2_security_group
	some rule in sg.ingress_rules
	"::/0" in rule.ipv4_ranges
	may_cover_admin_port(rule)
}

candidates contains i if {
	some i, sg in input.resources.aws_ec2_security_group
	some rule in sg.ingress_rules
	"::/0" in rule.ipv6_ranges
	may_cover_admin_port(rule)
}

may_cover_admin_port(rule) if rule.ip_protocol == "-1"

may_cover_admin_port(rule) if {
	rule.from_port <= 22
	22 <= rule.to_port
}

may_cover_admin_port(rule) if {
	rule.from_port <= 3389
	3389 <= rule.to_port
}

deny contains {"resource_id": sg.id, "message": msg} if {
	some i in candidates
	sg := input.resources.aws_ec2_security_group[i]
	text := openings_text(sg.ingress_rules)
	text != ""
	msg := sprintf("security group %s allows %s from ::/0", [net.sg_label(sg), text])
}

# openings_text(rules) is what describe_openings says of the rules admitting an administration
# port from ::/0, without the " from ::/0": their texts, sorted, joined with " and "; "" when
# there are none. It depends on the rules alone, so that groups with the same rules share one
# evaluation (OPA caches function values per argument).
openings_text(rules) := concat(" and ", sort(net.sg_tcp_texts(rules, "::/0", {22, 3389}))) # admin_ports
