# METADATA
# title: DNSSEC is on for public Cloud DNS zones
# description: Every public managed zone has DNSSEC state "on". Private zones (not resolvable from the internet) pass.
# scope: package
# custom:
#   id: gcp-dns-dnssec
#   severity: medium
#   area: network-controls
#   resource_type: gcp_dns_managed_zone
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["3.3"]
#   remediation: '`gcloud dns managed-zones update ZONE --dnssec-state on`, then publish the DS record at the registrar.'
#   rationale: 'Google serves the customer''s DNS zones, but DNSSEC and its algorithms are settings of each zone that the customer chooses: without DNSSEC, resolvers cannot tell forged answers for the customer''s domain from real ones, so users can be sent to an attacker''s servers. Signing its own zones is the customer''s duty.'
#   pass_message: zone {name} has DNSSEC on, or is private
#   depends_on: [visibility, dnssec]
package incloud.gcp.dns.dnssec

deny contains {"resource_id": z.id, "message": msg} if {
	some z in input.resources.gcp_dns_managed_zone
	z.visibility == "public"
	z.dnssec.state != "on"
	msg := sprintf("public zone %s (%s) has DNSSEC %s", [z.name, z.dns_name, z.dnssec.state])
}
