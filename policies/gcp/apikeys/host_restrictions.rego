# METADATA
# title: API keys are restricted to specific hosts and apps
# description: An API key has an application restriction (HTTP referrers, IP addresses, Android apps or iOS apps) and none of its referrers or IP ranges matches everything (*, *.tld, 0.0.0.0/0, ::/0).
# scope: package
# custom:
#   id: gcp-apikeys-host-restrictions
#   severity: medium
#   area: user-access-management
#   resource_type: gcp_apikeys_key
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["1.13"]
#   remediation: Restrict the key to where it is used, e.g. `gcloud services api-keys update KEY_ID --allowed-referrers="https://www.example.com/*"` or `--allowed-ips=203.0.113.0/24`, `--allowed-application=...`, `--allowed-bundle-ids=...`.
#   rationale: 'Google runs the API Keys service, but whether keys exist, what they may call and from where, and when they are replaced is configured by the customer: an unrestricted key works from any website, server or app, so a key copied from a page or repository can be used by anyone. Limiting where a key is accepted is the customer''s configuration.'
#   pass_message: API key {name} is restricted to specific referrers, IP addresses or apps
#   depends_on: [restrictions]
package incloud.gcp.apikeys.host_restrictions

open_ips := {"0.0.0.0", "0.0.0.0/0", "::0", "::/0", "::"}

deny contains {"resource_id": k.id, "message": msg} if {
	some k in input.resources.gcp_apikeys_key
	why := problem(k.restrictions)
	msg := sprintf("API key %s %s", [k.name, why])
}

problem(r) := "has no application restriction (referrers, IP addresses, Android or iOS apps)" if {
	count(r.browser_allowed_referrers) + count(r.server_allowed_ips) + count(r.android_apps) + count(r.ios_bundle_ids) == 0
} else := sprintf("accepts every referrer matching %s", [ref]) if {
	some ref in r.browser_allowed_referrers
	regex.match(`^(https?://)?\*(\.[A-Za-z]+)?(/\*?)?$`, ref)
} else := sprintf("accepts every IP address (%s)", [ip]) if {
	some ip in r.server_allowed_ips
	ip in open_ips
}
