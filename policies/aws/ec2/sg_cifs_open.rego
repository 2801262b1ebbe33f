# METADATA
# title: Security groups do not open CIFS/SMB to the internet
# description: >-
#   No security group has an ingress rule that admits TCP port 445 (CIFS/SMB) from 0.0.0.0/0 or
#   ::/0, whether by naming the port, a port range that contains it, or all traffic.
# scope: package
# custom:
#   id: aws-ec2-sg-cifs-open
#   severity: high
#   area: network-controls
#   resource_type: aws_ec2_security_group
#   service_model: iaas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["6.1.2"]
#   remediation: >-
#     EC2 console > Security Groups > group > Inbound rules > Edit: restrict the rules covering TCP
#     445 to the trusted networks or security groups that need file sharing, or delete them
#     (aws ec2 revoke-security-group-ingress --group-id SG_ID --ip-permissions
#     IpProtocol=tcp,FromPort=445,ToPort=445,IpRanges=[{CidrIp=0.0.0.0/0}]). Reach file shares
#     over a VPN or AWS Direct Connect instead of the internet.
#   rationale: >-
#     AWS supplies security groups and enforces them, but their rules are firewall rules, which are
#     always the customer's to configure whoever supplies the firewall. SMB exposed to the internet
#     has a long record of wormable exploits and credential theft against the file servers the
#     customer runs on its instances (IaaS), whose operating systems and data are also the customer's.
#   pass_message: security group {name} does not open TCP 445 to 0.0.0.0/0 or ::/0
#   depends_on: [ingress_rules, group_id]
package incloud.aws.ec2.sg_cifs_open

import data.incloud.lib.aws.network as net

# Evaluation cost grows with every resource, and most groups admit nothing on TCP 445 from the
# internet: the first pass (candidates) uses only literals and cheap tests on each rule; the
# openings and the message are worked out for the candidate groups alone.

# candidates are the indexes of the security groups with an ingress rule that may admit TCP 445
# from 0.0.0.0/0 or ::/0 (a superset of the failing groups: deny decides exactly).
candidates contains i if {
	some i, sg in input.resources.aws_ec2_security_group
	some rule in sg.ingress_rules
	may_cover_cifs(rule)
	from_internet(rule)
}

may_cover_cifs(rule) if rule.ip_protocol == "-1"

may_cover_cifs(rule) if {
	rule.from_port <= 445
	445 <= rule.to_port
}

from_internet(rule) if "0.0.0.0/0" in rule.ipv4_ranges

from_internet(rule) if "::/0" in rule.ipv4_ranges

from_internet(rule) if "0.0.0.0/0" in rule.ipv6_ranges

from_internet(rule) if "::/0" in rule.ipv6_ranges

deny contains {"resource_id": sg.id, "message": msg} if {
	some i in candidates
	sg := input.resources.aws_ec2_security_group[i]
	text := openings_text(sg.ingress_rules)
	text != ""
	msg := sprintf("security group %s allows %s", [net.sg_label(sg), text])
}

# openings_text(rules) describes the rules admitting TCP 445 from the internet ("" when there are
# none). It depends on the rules alone, so that groups with the same rules share one evaluation
# (OPA caches function values per argument).
openings_text(rules) := net.describe_openings(net.sg_rules_tcp_openings(rules, {"0.0.0.0/0", "::/0"}, {445})) # net.open_cidrs
