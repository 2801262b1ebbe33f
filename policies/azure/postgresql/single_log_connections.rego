# METADATA
# title: PostgreSQL single server logs connections
# description: >-
#   The server parameter log_connections of a [LEGACY] PostgreSQL single server is ON.
# scope: package
# custom:
#   id: azure-postgresql-single-log-connections
#   severity: low
#   area: compliance-governance
#   resource_type: azure_postgresql_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.2.6"]
#   remediation: >-
#     `az postgres server configuration set --resource-group RG --server-name SERVER --name
#     log_connections --value on`; better, migrate the server to a flexible server.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but which events the
#     server logs is a parameter the customer sets. Microsoft has retired Single Server; a server
#     still running is unsupported and should be migrated, but until then its connections should be logged.
#   pass_message: >-
#     PostgreSQL single server {name} logs connections
#   depends_on: [parameters]
package incloud.azure.postgresql.single_log_connections

deny contains {"resource_id": x.id, "message": sprintf("PostgreSQL single server %s has log_connections = %s", [x.name, x.parameters["log_connections"]])} if {
	some x in input.resources.azure_postgresql_server
	lower(x.parameters["log_connections"]) != "on"
}
