# METADATA
# title: Firewall rules do not open RDP to the internet
# description: No enabled ingress firewall rule allows TCP port 3389 (explicitly, through a port range, or through all protocols) from 0.0.0.0/0 or ::/0.
# scope: package
# custom:
#   id: gcp-compute-firewall-rdp
#   severity: high
#   area: network-controls
#   resource_type: gcp_compute_firewall
#   service_model: iaas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["3.7"]
#   remediation: 'Restrict the rule''s source ranges to known addresses, or use Identity-Aware Proxy TCP forwarding (source 35.235.240.0/20) instead of public RDP: `gcloud compute firewall-rules update RULE --source-ranges=35.235.240.0/20`, or delete the rule.'
#   rationale: 'Google runs the VPC fabric, but the customer defines its networks, subnets and firewall rules, whoever supplies the firewall: a rule that opens RDP to the whole internet exposes every matching VM''s login service to password guessing and exploits. Firewall rules are always the customer''s to configure.'
#   pass_message: firewall rule {name} does not open RDP (tcp/3389) to 0.0.0.0/0 or ::/0
#   depends_on: [direction, disabled, source_ranges, allowed]
package incloud.gcp.compute.firewall_rdp

import data.incloud.lib.gcp.compute

deny contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.gcp_compute_firewall
	compute.open_to_world(r)
	compute.allows_tcp_port(r, 3389)
	msg := sprintf("firewall rule %s allows RDP (tcp/3389) from %s", [r.name, concat(", ", sort({s | some s in r.source_ranges; s in {"0.0.0.0/0", "::/0"}}))])
}
