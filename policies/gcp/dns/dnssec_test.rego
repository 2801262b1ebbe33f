package incloud.gcp.dns.dnssec_test

import data.incloud.gcp.dns.dnssec as check

zone(visibility, state) := {"resources": {"gcp_dns_managed_zone": [{"id": "z", "name": "web", "dns_name": "example.com.", "visibility": visibility, "dnssec": {"state": state, "default_key_specs": []}}]}}

test_fails_when_off if {
	check.deny == {{"resource_id": "z", "message": "public zone web (example.com.) has DNSSEC off"}} with input as zone("public", "off")
}

test_passes_when_on if {
	count(check.deny) == 0 with input as zone("public", "on")
}

test_passes_for_private_zone if {
	count(check.deny) == 0 with input as zone("private", "off")
}
