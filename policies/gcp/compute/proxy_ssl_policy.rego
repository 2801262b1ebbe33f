# METADATA
# title: HTTPS and SSL proxies use SSL policies without weak ciphers
# description: Every target HTTPS or SSL proxy has an SSL policy that is RESTRICTED, or MODERN with TLS 1.2 or later as minimum, or CUSTOM without the weak cipher suites CIS names. A proxy without a policy uses Google's default (COMPATIBLE, TLS 1.0) and fails; a policy outside the snapshot cannot be judged (error).
# scope: package
# custom:
#   id: gcp-compute-proxy-ssl-policy
#   severity: medium
#   area: network-controls
#   resource_type: gcp_compute_target_proxy
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["3.9"]
#   remediation: 'Create a policy (`gcloud compute ssl-policies create tls12-modern --profile=MODERN --min-tls-version=1.2`) and attach it: `gcloud compute target-https-proxies update PROXY --ssl-policy=tls12-modern` (target-ssl-proxies for SSL proxies).'
#   rationale: Google runs the load balancer's TLS termination, but which protocol versions and cipher suites it accepts is the SSL policy the customer attaches; the default still allows TLS 1.0 and weak suites that downgrade attacks target. Protecting its data in transit is the customer's duty.
#   pass_message: proxy {name} uses an SSL policy without TLS 1.0/1.1 or weak cipher suites
#   depends_on: [ssl_policy, proxy_type, gcp_compute_ssl_policy.self_link, gcp_compute_ssl_policy.name, gcp_compute_ssl_policy.profile, gcp_compute_ssl_policy.min_tls_version, gcp_compute_ssl_policy.enabled_features]
package incloud.gcp.compute.proxy_ssl_policy

weak_features := {
	"TLS_RSA_WITH_AES_128_GCM_SHA256",
	"TLS_RSA_WITH_AES_256_GCM_SHA384",
	"TLS_RSA_WITH_AES_128_CBC_SHA",
	"TLS_RSA_WITH_AES_256_CBC_SHA",
	"TLS_RSA_WITH_3DES_EDE_CBC_SHA",
}

policies := {p.self_link: p | some p in input.resources.gcp_compute_ssl_policy}

deny contains {"resource_id": t.id, "message": msg} if {
	some t in input.resources.gcp_compute_target_proxy
	is_null(t.ssl_policy)
	msg := sprintf("%s proxy %s has no SSL policy (Google's default allows TLS 1.0 and weak ciphers)", [upper(t.proxy_type), t.name])
}

deny contains {"resource_id": t.id, "message": msg} if {
	some t in input.resources.gcp_compute_target_proxy
	p := policies[t.ssl_policy]
	why := weakness(p)
	msg := sprintf("%s proxy %s uses SSL policy %s, which %s", [upper(t.proxy_type), t.name, p.name, why])
}

unknown contains {"resource_id": t.id, "message": msg} if {
	some t in input.resources.gcp_compute_target_proxy
	not is_null(t.ssl_policy)
	not policies[t.ssl_policy]
	msg := sprintf("SSL policy %s of proxy %s is not in the snapshot", [t.ssl_policy, t.name])
}

weakness(p) := sprintf("has the %s profile", [p.profile]) if {
	p.profile == "COMPATIBLE"
} else := sprintf("allows %s with the MODERN profile", [p.min_tls_version]) if {
	p.profile == "MODERN"
	p.min_tls_version in {"TLS_1_0", "TLS_1_1"}
} else := sprintf("enables weak cipher suites %s", [concat(", ", sort(weak))]) if {
	p.profile == "CUSTOM"
	weak := {f | some f in p.enabled_features; f in weak_features}
	count(weak) > 0
}
