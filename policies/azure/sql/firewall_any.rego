# METADATA
# title: SQL servers do not allow ingress from any IP
# description: >-
#   No firewall rule starts at 0.0.0.0 (any IP, or the 'Allow Azure services' rule 0.0.0.0-0.0.0.0)
#   or ends at 255.255.255.255.
# scope: package
# custom:
#   id: azure-sql-firewall-any
#   severity: critical
#   area: network-controls
#   resource_type: azure_sql_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.1.2"]
#   remediation: >-
#     `az sql server firewall-rule delete --resource-group RG --server SERVER --name RULE`; allow
#     specific addresses or use private endpoints.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data.
#     Firewall rules are always the customer's to configure, whoever supplies the firewall.
#   pass_message: >-
#     SQL server {name} has no firewall rule open to any IP
#   depends_on: [firewall_rules]
package incloud.azure.sql.firewall_any

deny contains {"resource_id": x.id, "message": sprintf("SQL server %s has firewall rules open to any IP: %s", [x.name, concat(", ", rules)])} if {
	some x in input.resources.azure_sql_server
	rules := sort([r.name | some r in x.firewall_rules; any_ip(r)])
	count(rules) > 0
}

any_ip(r) if r.start_ip_address == "0.0.0.0"

any_ip(r) if r.end_ip_address == "255.255.255.255"
