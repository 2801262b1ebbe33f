# METADATA
# title: PostgreSQL logs checkpoints
# description: >-
#   The server parameter log_checkpoints is ON.
# scope: package
# custom:
#   id: azure-postgresql-log-checkpoints
#   severity: low
#   area: compliance-governance
#   resource_type: azure_postgresql_flexible_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.2.2"]
#   remediation: >-
#     `az postgresql flexible-server parameter set --resource-group RG --server-name SERVER --name
#     log_checkpoints --value ON`.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data.
#     Which events the server logs is a parameter the customer sets.
#   pass_message: >-
#     PostgreSQL server {name} logs checkpoints
#   depends_on: [parameters]
package incloud.azure.postgresql.log_checkpoints

deny contains {"resource_id": x.id, "message": sprintf("PostgreSQL server %s has log_checkpoints = %s", [x.name, x.parameters["log_checkpoints"]])} if {
	some x in input.resources.azure_postgresql_flexible_server
	lower(x.parameters["log_checkpoints"]) != "on"
}
