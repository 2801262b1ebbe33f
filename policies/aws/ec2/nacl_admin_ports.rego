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
#   pass_message: network ACL {name} does not admit TCP 22 or 3389 from 0.0.0.0/0 or ::/0
#   depends_on: [entries, network_acl_id]
package incloud.aws.ec2.nacl_admin_ports

import data.incloud.lib.aws.network as net

admin_ports := {22, 3389}

# Evaluation cost grows with every resource, and most ACLs let no administration port in from the
# internet: the first pass (candidates) uses only literals and cheap tests on each entry; the
# rule-number shadowing and the message are worked out for the candidate ACLs alone.

# candidates are the indexes of the ACLs with an inbound allow entry from 0.0.0.0/0 or ::/0 that may
# cover an administration port (a superset of the failing ACLs: deny decides exactly).
candidates contains i if {
	some i, acl in input.resources.aws_ec2_network_acl
	some entry in acl.entries
	entry.rule_action == "allow"
	entry.egress == false
	may_cover_admin_port(entry)
	from_internet(entry)
}

may_cover_admin_port(entry) if entry.protocol == "-1"

may_cover_admin_port(entry) if {
	entry.from_port <= 22
	22 <= entry.to_port
}

may_cover_admin_port(entry) if {
	entry.from_port <= 3389
	3389 <= entry.to_port
}

from_internet(entry) if entry.cidr_block == "0.0.0.0/0"

from_internet(entry) if entry.ipv6_cidr_block == "::/0"

deny contains {"resource_id": acl.id, "message": msg} if {
	some i in candidates
	acl := input.resources.aws_ec2_network_acl[i]
	text := findings_text(acl.entries)
	text != ""
	msg := sprintf("network ACL %s: %s", [net.label(acl.network_acl_id, acl.name), text])
}

# findings_text(entries) describes the entries that let an administration port in from the
# internet: "rule 100 allows inbound all traffic (including TCP 22, 3389) from 0.0.0.0/0; ...";
# "" when there are none (a defined value, which OPA caches like any other). It depends on the
# entries alone, so that ACLs with the same entries (such as every VPC's default ACL) share one
# evaluation.
findings_text(entries) := concat("; ", [t | some [_, _, t] in sort(findings)]) if {
	findings := {[entry.rule_number, cidr, text] |
		# net.open_cidrs, as literals.
		some [cidr, field] in [["0.0.0.0/0", "cidr_block"], ["::/0", "ipv6_cidr_block"]]

		# Only the inbound entries from cidr take part (net.nacl_port_reachable, with the
		# entries already narrowed to one CIDR).
		inbound := [e | some e in entries; e[field] == cidr; e.egress == false]

		# decisive maps each administration port to the entry that decides it.
		decisive := {port: e | some port in [22, 3389]; e := reachable(inbound, port)}
		some entry in {e | some e in decisive}
		ports := {p | some p, e in decisive; e == entry}
		text := sprintf("rule %d allows inbound %s from %s", [entry.rule_number, net.describe_tcp(entry.protocol, entry.from_port, entry.to_port, ports), cidr])
	}
}

# reachable(inbound, port) is net.nacl_port_reachable(inbound, cidr, port) for entries inbound that
# are all inbound entries from cidr: the lowest-numbered allow entry covering TCP port port, unless
# a lower-numbered deny entry covers it too.
reachable(inbound, port) := first if {
	allows := [[e.rule_number, e] |
		some e in inbound
		e.rule_action == "allow"
		net.covers_tcp_port(e.protocol, e.from_port, e.to_port, port)
	]
	first := sort(allows)[0][1]
	not shadowed(inbound, first.rule_number, port)
}

shadowed(inbound, n, port) if {
	some e in inbound
	e.rule_number < n
	e.rule_action == "deny"
	net.covers_tcp_port(e.protocol, e.from_port, e.to_port, port)
}
