# METADATA
# title: SQL auditing keeps logs more than 90 days
# description: >-
#   Auditing is Enabled with retention of more than 90 days (0: unlimited).
# scope: package
# custom:
#   id: azure-sql-auditing-retention
#   severity: low
#   area: compliance-governance
#   resource_type: azure_sql_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.1.6"]
#   remediation: >-
#     `az sql server audit-policy update --resource-group RG --name SERVER --state Enabled
#     --retention-days 91` (or 0 for unlimited).
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data. How
#     long the customer keeps its audit evidence is the customer's compliance decision.
#   pass_message: >-
#     SQL server {name} keeps audit logs more than 90 days
#   depends_on: [auditing]
package incloud.azure.sql.auditing_retention

deny contains {"resource_id": x.id, "message": sprintf("SQL server %s does not keep audit logs more than 90 days (state %s, %d days)", [x.name, x.auditing.state, x.auditing.retention_days])} if {
	some x in input.resources.azure_sql_server
	not kept(x.auditing)
}

kept(a) if {
	a.state == "Enabled"
	a.retention_days == 0
}

kept(a) if {
	a.state == "Enabled"
	a.retention_days > 90
}
