# METADATA
# title: Cloud SQL instances do not authorize the whole internet
# description: No Cloud SQL instance has 0.0.0.0/0 (or ::/0) among its authorized networks.
# scope: package
# custom:
#   id: gcp-sql-no-public-authorized-networks
#   severity: critical
#   area: network-controls
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.5"]
#   remediation: '`gcloud sql instances patch INSTANCE --authorized-networks=203.0.113.0/24` with only the client ranges that need access (or `--clear-authorized-networks`), and connect through the Cloud SQL Auth Proxy or private IP instead.'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: authorized networks are the instance''s firewall; 0.0.0.0/0 lets anyone on the internet reach the database''s login. Network exposure of its database is the customer''s decision.'
#   pass_message: Cloud SQL instance {name} does not authorize 0.0.0.0/0 or ::/0
#   depends_on: [ip_configuration]
package incloud.gcp.sql.no_public_authorized_networks

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	some n in i.ip_configuration.authorized_networks
	n.value in {"0.0.0.0/0", "::/0"}
	msg := sprintf("Cloud SQL instance %s authorizes %s (%s)", [i.name, n.value, n.name])
}
