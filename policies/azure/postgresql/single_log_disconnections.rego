# METADATA
# title: PostgreSQL single server logs disconnections
# description: >-
#   The server parameter log_disconnections of a [LEGACY] PostgreSQL single server is ON.
# scope: package
# custom:
#   id: azure-postgresql-single-log-disconnections
#   severity: low
#   area: compliance-governance
#   resource_type: azure_postgresql_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.2.7"]
#   remediation: >-
#     `az postgres server configuration set --resource-group RG --server-name SERVER --name
#     log_disconnections --value on`; better, migrate the server to a flexible server.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but which events the
#     server logs is a parameter the customer sets. Microsoft has retired Single Server; a server
#     still running is unsupported and should be migrated, but until then its disconnections should be logged.
#   pass_message: >-
#     PostgreSQL single server {name} logs disconnections
#   depends_on: [parameters]
package incloud.azure.postgresql.single_log_disconnections

deny contains {"resource_id": x.id, "message": sprintf("PostgreSQL single server %s has log_disconnections = %s", [x.name, x.parameters["log_disconnections"]])} if {
	some x in input.resources.azure_postgresql_server
	lower(x.parameters["log_disconnections"]) != "on"
}
