# METADATA
# title: PostgreSQL keeps server logs more than 3 days
# description: >-
#   The server parameter logfiles.retention_days is greater than 3.
# scope: package
# custom:
#   id: azure-postgresql-log-retention
#   severity: low
#   area: compliance-governance
#   resource_type: azure_postgresql_flexible_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.2.4"]
#   remediation: >-
#     `az postgres flexible-server parameter set --resource-group RG --server-name SERVER --name
#     logfiles.retention_days --value 7`.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data. How
#     long logs are kept is the customer's setting.
#   pass_message: >-
#     PostgreSQL server {name} keeps logs more than 3 days
#   depends_on: [parameters]
package incloud.azure.postgresql.log_retention

deny contains {"resource_id": x.id, "message": sprintf("PostgreSQL server %s keeps logs %s days", [x.name, x.parameters["logfiles.retention_days"]])} if {
	some x in input.resources.azure_postgresql_flexible_server
	to_number(x.parameters["logfiles.retention_days"]) <= 3
}
