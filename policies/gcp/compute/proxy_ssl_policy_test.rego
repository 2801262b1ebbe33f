package incloud.gcp.compute.proxy_ssl_policy_test

import data.incloud.gcp.compute.proxy_ssl_policy as check

link := "https://www.googleapis.com/compute/v1/projects/p1/global/sslPolicies/pol"

snap(policy, policies) := {"resources": {"gcp_compute_target_proxy": [{"id": "t", "name": "web", "proxy_type": "https", "ssl_policy": policy}], "gcp_compute_ssl_policy": policies}}

pol(profile, tls, features) := {"name": "pol", "self_link": link, "profile": profile, "min_tls_version": tls, "enabled_features": features}

test_fails_without_policy if {
	check.deny == {{"resource_id": "t", "message": "HTTPS proxy web has no SSL policy (Google's default allows TLS 1.0 and weak ciphers)"}} with input as snap(null, [])
}

test_fails_for_compatible if {
	check.deny == {{"resource_id": "t", "message": "HTTPS proxy web uses SSL policy pol, which has the COMPATIBLE profile"}} with input as snap(link, [pol("COMPATIBLE", "TLS_1_2", [])])
}

test_fails_for_modern_tls10 if {
	count(check.deny) == 1 with input as snap(link, [pol("MODERN", "TLS_1_0", [])])
}

test_fails_for_custom_weak if {
	check.deny == {{"resource_id": "t", "message": "HTTPS proxy web uses SSL policy pol, which enables weak cipher suites TLS_RSA_WITH_AES_128_CBC_SHA"}} with input as snap(link, [pol("CUSTOM", "TLS_1_2", ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA"])])
}

test_passes_for_strong_policies if {
	count(check.deny) == 0 with input as snap(link, [pol("MODERN", "TLS_1_2", [])])
	count(check.deny) == 0 with input as snap(link, [pol("RESTRICTED", "TLS_1_2", [])])
	count(check.deny) == 0 with input as snap(link, [pol("CUSTOM", "TLS_1_2", ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"])])
}

test_unknown_policy if {
	count(check.unknown) == 1 with input as snap(link, [])
	count(check.deny) == 0 with input as snap(link, [])
}
