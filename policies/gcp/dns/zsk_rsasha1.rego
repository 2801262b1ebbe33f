# METADATA
# title: DNSSEC zone-signing keys do not use RSASHA1
# description: No managed zone's DNSSEC default key specs use RSASHA1 for the zone-signing key.
# scope: package
# custom:
#   id: gcp-dns-zsk-rsasha1
#   severity: medium
#   area: network-controls
#   resource_type: gcp_dns_managed_zone
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["3.5"]
#   remediation: 'Choose a stronger algorithm: turn DNSSEC off for the zone if it is on (DS record removed first), then `gcloud dns managed-zones update ZONE --dnssec-state on --zsk-algorithm rsasha256 --zsk-key-length 2048` (or ecdsap256sha256), and publish the new DS record.'
#   rationale: 'Google serves the customer''s DNS zones, but DNSSEC and its algorithms are settings of each zone that the customer chooses: RSASHA1 relies on SHA-1, which is no longer collision resistant, so signatures made with it give weaker assurance. Picking the algorithm for its own zones is the customer''s configuration.'
#   pass_message: zone {name} uses no RSASHA1 zone-signing key
#   depends_on: [dnssec]
package incloud.gcp.dns.zsk_rsasha1

deny contains {"resource_id": z.id, "message": msg} if {
	some z in input.resources.gcp_dns_managed_zone
	some k in z.dnssec.default_key_specs
	k.key_type == "zoneSigning"
	k.algorithm == "rsasha1"
	msg := sprintf("zone %s (%s) uses RSASHA1 for its zone-signing key", [z.name, z.dns_name])
}
