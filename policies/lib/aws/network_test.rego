package incloud.lib.aws.network_test

import data.incloud.lib.aws.network

rule(protocol, from, to) := {
	"ip_protocol": protocol, "from_port": from, "to_port": to,
	"ipv4_ranges": ["0.0.0.0/0"], "ipv6_ranges": [], "prefix_list_ids": [], "source_group_ids": [],
}

# covers(rule, port): the security-group rule lets TCP port port through.
covers(r, port) if network.covers_tcp_port(r.ip_protocol, r.from_port, r.to_port, port)

test_tcp_single_port if covers(rule("tcp", 22, 22), 22)

test_tcp_other_port if not covers(rule("tcp", 80, 80), 22)

test_tcp_range_contains if covers(rule("tcp", 0, 1024), 22)

test_tcp_range_bounds if {
	covers(rule("tcp", 22, 80), 22)
	covers(rule("tcp", 3000, 3389), 3389)
	not covers(rule("tcp", 23, 3388), 22)
	not covers(rule("tcp", 23, 3388), 3389)
}

test_tcp_by_number if covers(rule("6", 22, 22), 22)

test_all_protocols_null_ports if covers(rule("-1", null, null), 3389)

test_udp_not_tcp if not covers(rule("udp", 0, 65535), 22)

test_null_ports_unknown if not covers(rule("tcp", null, null), 22)

test_open_cidrs if {
	network.sg_rule_open_cidrs({"ipv4_ranges": ["10.0.0.0/8", "0.0.0.0/0"], "ipv6_ranges": ["::/0"]}) == {"0.0.0.0/0", "::/0"}
	network.sg_rule_open_cidrs({"ipv4_ranges": ["10.0.0.0/8"], "ipv6_ranges": ["2001:db8::/32"]}) == set()
	network.sg_rule_open_cidrs({"ipv4_ranges": null, "ipv6_ranges": ["::/0"]}) == {"::/0"}
}

entry(n, action, protocol, cidr, from, to) := {
	"rule_number": n, "protocol": protocol, "rule_action": action, "egress": false,
	"cidr_block": cidr, "ipv6_cidr_block": null, "from_port": from, "to_port": to,
}

test_nacl_allow_reachable if {
	e := entry(100, "allow", "6", "0.0.0.0/0", 0, 65535)
	network.nacl_port_reachable([e], "0.0.0.0/0", 22) == e
}

test_nacl_lower_deny_shadows if {
	entries := [entry(100, "allow", "6", "0.0.0.0/0", 0, 65535), entry(50, "deny", "6", "0.0.0.0/0", 22, 22)]
	not network.nacl_port_reachable(entries, "0.0.0.0/0", 22)
	network.nacl_port_reachable(entries, "0.0.0.0/0", 3389) == entries[0]
}

test_nacl_higher_deny_does_not_shadow if {
	entries := [entry(100, "allow", "-1", "0.0.0.0/0", null, null), entry(200, "deny", "-1", "0.0.0.0/0", null, null)]
	network.nacl_port_reachable(entries, "0.0.0.0/0", 22) == entries[0]
}

test_nacl_lowest_allow_decides if {
	low := entry(100, "allow", "6", "0.0.0.0/0", 22, 22)
	high := entry(300, "allow", "-1", "0.0.0.0/0", null, null)
	network.nacl_port_reachable([high, low], "0.0.0.0/0", 22) == low

	# A deny between the two overrides neither: the lower allow still decides.
	network.nacl_port_reachable([high, entry(200, "deny", "6", "0.0.0.0/0", 22, 22), low], "0.0.0.0/0", 22) == low

	# A deny below both overrides both.
	not network.nacl_port_reachable([high, entry(50, "deny", "6", "0.0.0.0/0", 0, 1024), low], "0.0.0.0/0", 22)

	# A deny from the other CIDR, or of another port, or outbound, does not count.
	network.nacl_port_reachable([high, object.union(entry(50, "deny", "6", null, 22, 22), {"ipv6_cidr_block": "::/0"}), low], "0.0.0.0/0", 22) == low
	network.nacl_port_reachable([high, entry(50, "deny", "6", "0.0.0.0/0", 3389, 3389), low], "0.0.0.0/0", 22) == low
	network.nacl_port_reachable([high, object.union(entry(50, "deny", "-1", "0.0.0.0/0", null, null), {"egress": true}), low], "0.0.0.0/0", 22) == low
}

test_nacl_equal_numbers_do_not_shadow if {
	allow := entry(100, "allow", "6", "0.0.0.0/0", 22, 22)
	network.nacl_port_reachable([entry(100, "deny", "6", "0.0.0.0/0", 22, 22), allow], "0.0.0.0/0", 22) == allow
}

test_nacl_egress_ignored if {
	e := object.union(entry(100, "allow", "-1", "0.0.0.0/0", null, null), {"egress": true})
	not network.nacl_port_reachable([e], "0.0.0.0/0", 22)
}

test_nacl_ipv6 if {
	e := object.union(entry(100, "allow", "6", null, 22, 22), {"ipv6_cidr_block": "::/0"})
	network.nacl_port_reachable([e], "::/0", 22) == e
	not network.nacl_port_reachable([e], "0.0.0.0/0", 22)
}

test_prefix_length if {
	network.prefix_length("10.0.0.0/8") == 8
	network.prefix_length("0.0.0.0/0") == 0
	network.prefix_length("2001:db8::/56") == 56
	not network.prefix_length("10.0.0.1")
}

test_describe if {
	network.describe_tcp("tcp", 22, 22, {22}) == "TCP 22"
	network.describe_tcp("tcp", 0, 65535, {3389, 22}) == "TCP 0-65535 (including 22, 3389)"
	network.describe_tcp("-1", null, null, {22}) == "all traffic (including TCP 22)"
}

test_nacl_lowest_allow_decides if {
	entries := [entry(200, "allow", "6", "0.0.0.0/0", 22, 22), entry(100, "allow", "-1", "0.0.0.0/0", null, null)]
	network.nacl_port_reachable(entries, "0.0.0.0/0", 22) == entries[1]
}

test_nacl_narrow_deny_does_not_shadow if {
	entries := [entry(100, "allow", "6", "0.0.0.0/0", 22, 22), entry(50, "deny", "6", "10.0.0.0/8", 22, 22)]
	network.nacl_port_reachable(entries, "0.0.0.0/0", 22) == entries[0]
}

test_sg_tcp_openings if {
	sg := {"group_id": "sg-1", "name": "web", "ingress_rules": [
		rule("tcp", 22, 22),
		object.union(rule("-1", null, null), {"ipv4_ranges": ["10.0.0.0/8"], "ipv6_ranges": ["::/0"]}),
		rule("tcp", 443, 443),
	]}
	openings := network.sg_rules_tcp_openings(sg.ingress_rules, network.open_cidrs, {22, 3389})
	openings == {
		{"cidr": "0.0.0.0/0", "text": "TCP 22"},
		{"cidr": "::/0", "text": "all traffic (including TCP 22, 3389)"},
	}
	network.describe_openings(openings) == "TCP 22 from 0.0.0.0/0; all traffic (including TCP 22, 3389) from ::/0"
	network.sg_rules_tcp_openings(sg.ingress_rules, {"0.0.0.0/0"}, {443}) == {{"cidr": "0.0.0.0/0", "text": "TCP 443"}}
}

test_labels if {
	network.sg_label({"group_id": "sg-1", "name": "web"}) == "sg-1 (web)"
	network.label("acl-1", "acl-1") == "acl-1"
	network.label("acl-1", "public") == "acl-1 (public)"
}

test_describe_openings_merges_cidrs if {
	openings := {{"cidr": "0.0.0.0/0", "text": "TCP 445"}, {"cidr": "::/0", "text": "TCP 445"}}
	network.describe_openings(openings) == "TCP 445 from 0.0.0.0/0 and ::/0"
}

test_sg_tcp_texts if {
	rules := [
		{"ip_protocol": "tcp", "from_port": 22, "to_port": 22, "ipv4_ranges": ["0.0.0.0/0"], "ipv6_ranges": []},
		{"ip_protocol": "tcp", "from_port": 0, "to_port": 65535, "ipv4_ranges": [], "ipv6_ranges": ["::/0"]},
		{"ip_protocol": "-1", "from_port": null, "to_port": null, "ipv4_ranges": ["0.0.0.0/0"], "ipv6_ranges": []},
		{"ip_protocol": "udp", "from_port": 22, "to_port": 22, "ipv4_ranges": ["0.0.0.0/0"], "ipv6_ranges": []},
		{"ip_protocol": "tcp", "from_port": 443, "to_port": 443, "ipv4_ranges": ["0.0.0.0/0"], "ipv6_ranges": []},
		{"ip_protocol": "6", "from_port": 3389, "to_port": 3389, "ipv4_ranges": ["10.0.0.0/8"], "ipv6_ranges": []},
	]
	network.sg_tcp_texts(rules, "0.0.0.0/0", {22, 3389}) == {"TCP 22", "all traffic (including TCP 22, 3389)"}
	network.sg_tcp_texts(rules, "::/0", {22, 3389}) == {"TCP 0-65535 (including 22, 3389)"}
	network.sg_tcp_texts(null, "::/0", {22}) == set()

	# The same texts as sg_rules_tcp_openings gives for one CIDR.
	network.sg_tcp_texts(rules, "0.0.0.0/0", {22}) == {o.text | some o in network.sg_rules_tcp_openings(rules, {"0.0.0.0/0"}, {22})}
}

test_describe_openings_none if {
	network.describe_openings(set()) == ""
}
