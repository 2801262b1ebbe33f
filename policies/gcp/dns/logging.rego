# METADATA
# title: Cloud DNS logging is on for every VPC network
# description: Every VPC network is covered by a Cloud DNS server policy with logging enabled.
# scope: package
# custom:
#   id: gcp-dns-logging
#   severity: low
#   area: compliance-governance
#   resource_type: gcp_compute_network
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["2.12"]
#   remediation: 'Create or update a DNS policy for the network: `gcloud dns policies create dns-logging --networks=NETWORK --enable-logging --description="DNS query logging"` (or `gcloud dns policies update POLICY --enable-logging`).'
#   rationale: 'Google records and stores the logs, but which logs are written, where they are kept and who is alerted is configured by the customer: Cloud DNS answers the queries of the customer''s VMs, but it logs them only when the customer attaches a DNS policy with logging to the network. DNS logs show malware lookups and data exfiltration over DNS; producing them is the customer''s monitoring duty.'
#   pass_message: VPC network {name} has a DNS policy with logging enabled
#   depends_on: [self_link, gcp_dns_policy.enable_logging, gcp_dns_policy.networks]
package incloud.gcp.dns.logging

logged := {n | some p in input.resources.gcp_dns_policy; p.enable_logging; some n in p.networks}

deny contains {"resource_id": n.id, "message": msg} if {
	some n in input.resources.gcp_compute_network
	not n.self_link in logged
	msg := sprintf("VPC network %s has no DNS policy with logging enabled", [n.name])
}
