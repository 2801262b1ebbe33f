# METADATA
# title: Security groups do not open administration ports to the IPv4 internet
# description: >-
#   No security group has an ingress rule that admits TCP port 22 (SSH) or 3389 (RDP) from
#   0.0.0.0/0, whether by naming the port, a port range that contains it, or all traffic.
# scope: package
# custom:
#   id: aws-ec2-sg-admin-ports-ipv4
#   severity: high
#   area: network-controls
#   resource_type: aws_ec2_security_group
#   service_model: iaas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["6.3"]
#   remediation: >-
#     EC2 console > Security Groups > group > Inbound rules > Edit: replace the source 0.0.0.0/0 of
#     the rules covering ports 22 and 3389 with the administrators' address ranges or a security
#     group, or delete them (aws ec2 revoke-security-group-ingress --group-id SG_ID
#     --ip-permissions IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]). Prefer
#     AWS Systems Manager Session Manager or EC2 Instance Connect Endpoint, which need no open port.
#   rationale: >-
#     AWS supplies security groups and enforces them in its network, but their rules are firewall
#     rules, which are always the customer's to configure whoever supplies the firewall. SSH and RDP
#     open to the whole internet invite password guessing and exploits against the customer's
#     instances, whose operating systems (IaaS) the customer also owns.
#   depends_on: [ingress_rules, group_id]
package incloud.aws.ec2.sg_admin_ports_ipv4

import data.incloud.lib.aws.network as net

admin_ports := {22, 3389}

deny contains {"resource_id": sg.id, "message": msg} if {
	some sg in input.resources.aws_ec2_security_group
	openings := net.sg_tcp_openings(sg, {net.open_ipv4}, admin_ports)
	count(openings) > 0
	msg := sprintf("security group %s allows %s", [net.sg_label(sg), net.describe_openings(openings)])
}
