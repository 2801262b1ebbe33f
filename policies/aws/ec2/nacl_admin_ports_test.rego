package incloud.aws.ec2.nacl_admin_ports_test

import data.incloud.aws.ec2.nacl_admin_ports

entry(n, action, protocol, cidr, from, to) := {
	"rule_number": n, "protocol": protocol, "rule_action": action, "egress": false,
	"cidr_block": cidr, "ipv6_cidr_block": null, "from_port": from, "to_port": to,
}

entry6(n, action, protocol, from, to) := object.union(entry(n, action, protocol, null, from, to), {"ipv6_cidr_block": "::/0"})

egress(e) := object.union(e, {"egress": true})

# The final catch-all entries every network ACL has.
catch_all := [entry(32767, "deny", "-1", "0.0.0.0/0", null, null), entry6(32768, "deny", "-1", null, null)]

snapshot(entries) := {"resources": {"aws_ec2_network_acl": [{
	"id": "arn:aws:ec2:eu-west-1:123456789012:network-acl/acl-0abc",
	"name": "public-subnets",
	"region": "eu-west-1",
	"tags": {"Name": "public-subnets"},
	"network_acl_id": "acl-0abc",
	"vpc_id": "vpc-1",
	"is_default": false,
	"entries": array.concat(entries, catch_all),
}]}}

id := "arn:aws:ec2:eu-west-1:123456789012:network-acl/acl-0abc"

test_pass_https_only if {
	count(nacl_admin_ports.deny) == 0 with input as snapshot([entry(100, "allow", "6", "0.0.0.0/0", 443, 443)])
}

test_pass_private_source if {
	count(nacl_admin_ports.deny) == 0 with input as snapshot([entry(100, "allow", "-1", "10.0.0.0/8", null, null)])
}

test_pass_egress_ignored if {
	count(nacl_admin_ports.deny) == 0 with input as snapshot([egress(entry(100, "allow", "-1", "0.0.0.0/0", null, null))])
}

test_pass_deny_entries_only if {
	count(nacl_admin_ports.deny) == 0 with input as snapshot([entry(100, "deny", "6", "0.0.0.0/0", 22, 22)])
}

test_pass_udp if {
	count(nacl_admin_ports.deny) == 0 with input as snapshot([entry(100, "allow", "17", "0.0.0.0/0", 0, 65535)])
}

test_pass_lower_deny_overrides_allow if {
	entries := [
		entry(10, "deny", "6", "0.0.0.0/0", 22, 22),
		entry(20, "deny", "6", "0.0.0.0/0", 3389, 3389),
		entry(100, "allow", "-1", "0.0.0.0/0", null, null),
	]
	count(nacl_admin_ports.deny) == 0 with input as snapshot(entries)
}

test_fail_all_traffic_null_ports if {
	nacl_admin_ports.deny == {{
		"resource_id": id,
		"message": "network ACL acl-0abc (public-subnets): rule 100 allows inbound all traffic (including TCP 22, 3389) from 0.0.0.0/0",
	}} with input as snapshot([entry(100, "allow", "-1", "0.0.0.0/0", null, null)])
}

test_fail_range_covering_ssh if {
	nacl_admin_ports.deny == {{
		"resource_id": id,
		"message": "network ACL acl-0abc (public-subnets): rule 100 allows inbound TCP 0-1023 (including 22) from 0.0.0.0/0",
	}} with input as snapshot([entry(100, "allow", "6", "0.0.0.0/0", 0, 1023)])
}

test_fail_deny_after_allow_does_not_help if {
	entries := [entry(100, "allow", "6", "0.0.0.0/0", 22, 22), entry(200, "deny", "6", "0.0.0.0/0", 22, 22)]
	nacl_admin_ports.deny == {{
		"resource_id": id,
		"message": "network ACL acl-0abc (public-subnets): rule 100 allows inbound TCP 22 from 0.0.0.0/0",
	}} with input as snapshot(entries)
}

test_fail_deny_covers_one_port_only if {
	entries := [entry(10, "deny", "6", "0.0.0.0/0", 22, 22), entry(100, "allow", "6", "0.0.0.0/0", 0, 65535)]
	nacl_admin_ports.deny == {{
		"resource_id": id,
		"message": "network ACL acl-0abc (public-subnets): rule 100 allows inbound TCP 0-65535 (including 3389) from 0.0.0.0/0",
	}} with input as snapshot(entries)
}

test_fail_ipv6 if {
	nacl_admin_ports.deny == {{
		"resource_id": id,
		"message": "network ACL acl-0abc (public-subnets): rule 101 allows inbound TCP 3389 from ::/0",
	}} with input as snapshot([entry(100, "allow", "6", "10.0.0.0/8", 3389, 3389), entry6(101, "allow", "6", 3389, 3389)])
}

test_fail_both_families_one_finding if {
	entries := [entry(100, "allow", "6", "0.0.0.0/0", 22, 22), entry6(90, "allow", "-1", null, null)]
	nacl_admin_ports.deny == {{
		"resource_id": id,
		"message": "network ACL acl-0abc (public-subnets): rule 90 allows inbound all traffic (including TCP 22, 3389) from ::/0; rule 100 allows inbound TCP 22 from 0.0.0.0/0",
	}} with input as snapshot(entries)
}

test_fail_ipv4_deny_does_not_cover_ipv6 if {
	entries := [entry(10, "deny", "-1", "0.0.0.0/0", null, null), entry6(100, "allow", "-1", null, null)]
	count(nacl_admin_ports.deny) == 1 with input as snapshot(entries)
}
