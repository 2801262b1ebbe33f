# METADATA
# title: PostgreSQL connection throttling is on
# description: >-
#   The server parameter connection_throttle.enable is ON.
# scope: package
# custom:
#   id: azure-postgresql-connection-throttling
#   severity: low
#   area: application-security
#   resource_type: azure_postgresql_flexible_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.2.3"]
#   remediation: >-
#     `az postgresql flexible-server parameter set --resource-group RG --server-name SERVER --name
#     connection_throttle.enable --value ON`.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data.
#     Throttling repeated failed logins is a server parameter the customer controls.
#   pass_message: >-
#     PostgreSQL server {name} throttles connections
#   depends_on: [parameters]
package incloud.azure.postgresql.connection_throttling

deny contains {"resource_id": x.id, "message": sprintf("PostgreSQL server %s has connection_throttle.enable = %s", [x.name, x.parameters["connection_throttle.enable"]])} if {
	some x in input.resources.azure_postgresql_flexible_server
	lower(x.parameters["connection_throttle.enable"]) != "on"
}
