# Network helpers for AWS checks: which traffic a security-group rule or a network-ACL entry lets
# through. Security-group rules (aws_ec2_security_group.ingress_rules) name protocols "-1" (all),
# "tcp", "udp", ... or a number as a string; network-ACL entries (aws_ec2_network_acl.entries) use
# protocol numbers ("-1", "6", "17", ...). Ports are null where the protocol has none ("-1").
package incloud.lib.aws.network

# The CIDRs that stand for "the whole internet".
open_ipv4 := "0.0.0.0/0"

open_ipv6 := "::/0"

open_cidrs := {open_ipv4, open_ipv6}

# carries_tcp(p) is true when protocol value p lets TCP through.
carries_tcp(p) if {
	is_string(p)
	lower(p) in {"-1", "tcp", "6"} # "-1" is every protocol; a literal set: a rule reference costs more
}

# covers_tcp_port(protocol, from, to, port) is true when traffic of the given protocol and port
# range includes TCP port port: protocol "-1" covers every port whatever its (null) bounds say.
covers_tcp_port(protocol, _, _, _) if protocol == "-1"

# The cheap, selective port comparisons come first (null bounds fail port <= to).
covers_tcp_port(protocol, from, to, port) if {
	from <= port
	port <= to
	is_number(from)
	is_number(to)
	protocol != "-1"
	carries_tcp(protocol)
}

# sg_rule_open_cidrs(rule) is the set of internet-wide CIDRs (0.0.0.0/0, ::/0) a rule admits.
sg_rule_open_cidrs(rule) := {c |
	some c in array.concat(array_or_empty(rule.ipv4_ranges), array_or_empty(rule.ipv6_ranges))
	c in open_cidrs
}

# nacl_entry_open_cidr(entry) is the internet-wide CIDR a network-ACL entry matches, if any.
nacl_entry_open_cidr(entry) := entry.cidr_block if entry.cidr_block == open_ipv4

nacl_entry_open_cidr(entry) := entry.ipv6_cidr_block if entry.ipv6_cidr_block == open_ipv6

# nacl_port_reachable(entries, cidr, port) is the allow entry that lets inbound TCP port port in from
# the whole of cidr (0.0.0.0/0 or ::/0), if any. Network ACLs apply the lowest-numbered matching
# entry, so an allow entry counts only when no lower-numbered deny entry from the same open CIDR
# covers that port; of several such allow entries the lowest-numbered one decides.
#
# Equivalently, and cheaper: take the lowest-numbered matching allow entry; every other allow entry
# has a number at least as high, so when a lower-numbered deny entry overrides that one it
# overrides them all.
nacl_port_reachable(entries, cidr, port) := first if {
	allows := [[entry.rule_number, entry] |
		some entry in entries
		entry.rule_action == "allow"
		entry.egress == false
		nacl_entry_open_cidr(entry) == cidr
		covers_tcp_port(entry.protocol, entry.from_port, entry.to_port, port)
	]
	first := sort(allows)[0][1]
	not nacl_shadowed(entries, first, cidr, port)
}

nacl_shadowed(entries, allow, cidr, port) if {
	some deny in entries
	deny.rule_number < allow.rule_number
	deny.rule_action == "deny"
	deny.egress == false
	nacl_entry_open_cidr(deny) == cidr
	covers_tcp_port(deny.protocol, deny.from_port, deny.to_port, port)
}

# prefix_length(cidr) is the prefix length of an IPv4 or IPv6 CIDR ("10.0.0.0/8" -> 8).
prefix_length(cidr) := n if {
	parts := split(cidr, "/")
	count(parts) == 2
	n := to_number(parts[1])
}

# describe_tcp(protocol, from, to, ports) names the traffic a rule admits for a message, e.g.
# "TCP 22", "TCP 0-65535 (including 22, 3389)", "all traffic (including TCP 22)".
describe_tcp(protocol, _, _, ports) := sprintf("all traffic (including TCP %s)", [port_list(ports)]) if {
	protocol == "-1"
}

describe_tcp(protocol, from, to, _) := sprintf("TCP %d", [from]) if {
	from == to
	protocol != "-1"
}

describe_tcp(protocol, from, to, ports) := sprintf("TCP %d-%d (including %s)", [from, to, port_list(ports)]) if {
	from != to
	protocol != "-1"
}

# port_list(ports) renders a set of port numbers in ascending order: "22, 3389".
port_list(ports) := concat(", ", [sprintf("%d", [p]) | some p in sort(ports)])

# describe_openings(openings) renders a set of {"cidr", "text"} objects, each one rule or entry
# admitting traffic from an internet-wide CIDR, grouped by CIDR, with CIDRs that admit the same
# traffic named together: "TCP 22 and TCP 3389 from 0.0.0.0/0; all traffic (including TCP 22)
# from ::/0", "TCP 445 from 0.0.0.0/0 and ::/0".
describe_openings(openings) := concat("; ", [sprintf("%s from %s", [text, concat(" and ", sort(cidrs))]) |
	some text in sort({t | some t in by_cidr})
	cidrs := {c | some c, t in by_cidr; t == text}
]) if {
	by_cidr := {cidr: concat(" and ", sort(texts)) |
		some cidr in {o.cidr | some o in openings}
		texts := {o.text | some o in openings; o.cidr == cidr}
	}
}

# sg_rules_tcp_openings(rules, cidrs, ports) is the set of {"cidr", "text"} objects naming the
# ingress rules rules (a security group's ingress_rules) that admit one of the TCP ports ports from
# one of the internet-wide CIDRs cidrs.
sg_rules_tcp_openings(rules, cidrs, ports) := {{"cidr": cidr, "text": text} |
	some rule in array_or_empty(rules)
	some cidr in sg_rule_open_cidrs(rule)
	cidr in cidrs
	text := sg_rule_tcp_text(rule, ports)
}

# sg_rule_from(rule, cidr) is true when the internet-wide CIDR cidr is among the rule's IPv4 or
# IPv6 source ranges: cidr in sg_rule_open_cidrs(rule), without building that set.
sg_rule_from(rule, cidr) if {
	cidr in rule.ipv4_ranges
	is_array(rule.ipv4_ranges)
}

sg_rule_from(rule, cidr) if {
	cidr in rule.ipv6_ranges
	is_array(rule.ipv6_ranges)
}

# sg_tcp_texts(rules, cidr, ports) describes (as describe_tcp does) each of the ingress rules rules
# (a security group's ingress_rules) that admits one of the TCP ports ports from the internet-wide
# CIDR cidr: the texts of sg_rules_tcp_openings(rules, {cidr}, ports), for checks that look at one CIDR only.
sg_tcp_texts(rules, cidr, ports) := {text |
	some rule in array_or_empty(rules)
	sg_rule_from(rule, cidr)
	text := sg_rule_tcp_text(rule, ports)
}

# sg_rule_tcp_text(rule, ports) is describe_tcp's text for a security-group rule that lets one of
# the TCP ports ports through (undefined when it lets none through), with the tests of
# covers_tcp_port in the cheapest order.
sg_rule_tcp_text(rule, ports) := sprintf("all traffic (including TCP %s)", [port_list(ports)]) if {
	rule.ip_protocol == "-1"
	count(ports) > 0
}

sg_rule_tcp_text(rule, ports) := describe_tcp(rule.ip_protocol, rule.from_port, rule.to_port, covered) if {
	rule.ip_protocol != "-1"
	covered := {p | some p in ports; rule.from_port <= p; p <= rule.to_port}
	count(covered) > 0
	is_number(rule.from_port)
	is_number(rule.to_port)
	carries_tcp(rule.ip_protocol)
}

# sg_label(sg) names a security group in messages: "sg-0abc (web)".
sg_label(sg) := sprintf("%s (%s)", [sg.group_id, sg.name])

# label(id, name) names a resource whose name defaults to its id: "acl-1 (public)" or "acl-1".
label(id, name) := id if id == name

label(id, name) := sprintf("%s (%s)", [id, name]) if id != name

array_or_empty(x) := x if is_array(x)

array_or_empty(x) := [] if not is_array(x)
