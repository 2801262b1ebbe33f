# METADATA
# title: SQL server auditing is on
# description: >-
#   Server-level auditing is Enabled.
# scope: package
# custom:
#   id: azure-sql-auditing
#   severity: medium
#   area: compliance-governance
#   resource_type: azure_sql_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.1.1"]
#   remediation: >-
#     `az sql server audit-policy update --resource-group RG --name SERVER --state Enabled --lats
#     Enabled --lawri WORKSPACE_ID`.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data.
#     Azure records database activity only when the customer enables auditing.
#   pass_message: >-
#     SQL server {name} has auditing on
#   depends_on: [auditing]
package incloud.azure.sql.auditing

deny contains {"resource_id": x.id, "message": sprintf("SQL server %s has auditing off", [x.name])} if {
	some x in input.resources.azure_sql_server
	x.auditing.state == "Disabled"
}
