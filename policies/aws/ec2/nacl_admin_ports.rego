# METADATA
# title: Network ACLs do not admit administration ports from the internet
# description: >-
#   No network ACL lets inbound TCP port 22 (SSH) or 3389 (RDP) in from 0.0.0.0/0 or ::/0: no allow
#   ingress entry (protocol all or TCP) from an internet-wide CIDR whose port range covers the port
#   decides that traffic, i.e. none that a lower-numbered deny entry for the same CIDR and port
#   does not override. Outbound entries are not considered.
# scope: package
# custom:
#   id: aws-ec2-nacl-admin-ports
#   severity: medium
#   area: network-controls
#   resource_type: aws_ec2_network_acl
#   service_model: iaas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["6.2"]
#   remediation: >-
#     VPC console > Network ACLs > ACL > Inbound rules > Edit: narrow the source of the allow
#     entries covering ports 22 and 3389 to the administrators' networks, or add lower-numbered
#     deny entries for TCP 22 and 3389 from 0.0.0.0/0 and ::/0 (aws ec2 create-network-acl-entry
#     --network-acl-id ACL_ID --ingress --rule-number 50 --protocol 6 --port-range From=22,To=22
#     --cidr-block 0.0.0.0/0 --rule-action deny).
#   rationale: >-
#     AWS supplies network ACLs and enforces them at the subnet boundary, but the entries are
#     firewall rules, which are always the customer's to configure whoever supplies the firewall.
#     Letting SSH and RDP in from the whole internet leaves the customer's instances (IaaS), whose
#     operating systems the customer owns, one security-group mistake away from exposure.
#   depends_on: [entries, network_acl_id]
package incloud.aws.ec2.nacl_admin_ports

import data.incloud.lib.aws.network as net

admin_ports := {22, 3389}

deny contains {"resource_id": acl.id, "message": msg} if {
	some acl in input.resources.aws_ec2_network_acl
	decisive := {[cidr, port, entry] |
		some cidr in net.open_cidrs
		some port in admin_ports
		entry := net.nacl_port_reachable(acl.entries, cidr, port)
	}
	count(decisive) > 0
	findings := {[entry.rule_number, cidr, text] |
		some [cidr, _, entry] in decisive
		ports := {p | some [c, p, e] in decisive; c == cidr; e == entry}
		text := sprintf("rule %d allows inbound %s from %s", [entry.rule_number, net.describe_tcp(entry.protocol, entry.from_port, entry.to_port, ports), cidr])
	}
	msg := sprintf("network ACL %s: %s", [net.label(acl.network_acl_id, acl.name), concat("; ", [t | some [_, _, t] in sort(findings)])])
}
