# METADATA
# title: PostgreSQL does not allow all Azure services
# description: >-
#   No firewall rule 0.0.0.0-0.0.0.0 ('Allow public access from any Azure service within Azure').
# scope: package
# custom:
#   id: azure-postgresql-azure-services-access
#   severity: high
#   area: network-controls
#   resource_type: azure_postgresql_flexible_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.2.5"]
#   remediation: >-
#     `az postgres flexible-server firewall-rule delete --resource-group RG --name SERVER --rule-name
#     RULE`.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data. The
#     rule admits every Azure customer's resources, not just the customer's; firewall rules are the
#     customer's to configure.
#   pass_message: >-
#     PostgreSQL server {name} does not admit all Azure services
#   depends_on: [firewall_rules]
package incloud.azure.postgresql.azure_services_access

deny contains {"resource_id": x.id, "message": sprintf("PostgreSQL server %s allows access from any Azure service (%s)", [x.name, concat(", ", rules)])} if {
	some x in input.resources.azure_postgresql_flexible_server
	rules := sort([r.name | some r in x.firewall_rules; r.start_ip_address == "0.0.0.0"; r.end_ip_address == "0.0.0.0"])
	count(rules) > 0
}
