package incloud.gcp.dns.zsk_rsasha1_test

import data.incloud.gcp.dns.zsk_rsasha1 as check

zone(algorithm) := {"resources": {"gcp_dns_managed_zone": [{"id": "z", "name": "web", "dns_name": "example.com.", "dnssec": {"state": "on", "default_key_specs": [
	{"key_type": "zoneSigning", "algorithm": algorithm, "key_length": 2048},
	{"key_type": "keySigning", "algorithm": "rsasha1", "key_length": 1024},
]}}]}}

test_fails_for_rsasha1 if {
	check.deny == {{"resource_id": "z", "message": "zone web (example.com.) uses RSASHA1 for its zone-signing key"}} with input as zone("rsasha1")
}

test_passes_for_rsasha256 if {
	count(check.deny) == 0 with input as zone("rsasha256")
}
