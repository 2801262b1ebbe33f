package incloud.gcp.apikeys.host_restrictions_test

import data.incloud.gcp.apikeys.host_restrictions as check

key(r) := {"resources": {"gcp_apikeys_key": [{"id": "k", "name": "maps", "restrictions": object.union({"browser_allowed_referrers": [], "server_allowed_ips": [], "android_apps": [], "ios_bundle_ids": [], "api_targets": []}, r)}]}}

test_fails_without_restriction if {
	check.deny == {{"resource_id": "k", "message": "API key maps has no application restriction (referrers, IP addresses, Android or iOS apps)"}} with input as key({})
}

test_fails_for_wildcard_referrer if {
	check.deny == {{"resource_id": "k", "message": "API key maps accepts every referrer matching *.com/*"}} with input as key({"browser_allowed_referrers": ["*.com/*"]})
}

test_fails_for_any_ip if {
	check.deny == {{"resource_id": "k", "message": "API key maps accepts every IP address (0.0.0.0/0)"}} with input as key({"server_allowed_ips": ["0.0.0.0/0"]})
}

test_passes_for_specific_hosts_and_apps if {
	count(check.deny) == 0 with input as key({"browser_allowed_referrers": ["https://www.acme.example/*", "*.acme.example/*"]})
	count(check.deny) == 0 with input as key({"server_allowed_ips": ["203.0.113.0/24"]})
	count(check.deny) == 0 with input as key({"android_apps": ["com.acme.app"]})
}
