# METADATA
# title: MySQL audit log records connections
# description: >-
#   audit_log_enabled is ON and audit_log_events includes CONNECTION.
# scope: package
# custom:
#   id: azure-mysql-audit-log-connection
#   severity: medium
#   area: compliance-governance
#   resource_type: azure_mysql_flexible_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.3.4"]
#   remediation: >-
#     `az mysql flexible-server parameter set --resource-group RG --server-name SERVER --name
#     audit_log_events --value CONNECTION`.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data.
#     Which events the audit log keeps is the customer's parameter.
#   pass_message: >-
#     MySQL server {name} audits connections
#   depends_on: [parameters]
package incloud.azure.mysql.audit_log_connection

deny contains {"resource_id": x.id, "message": sprintf("MySQL server %s does not audit connections (audit_log_enabled %s, events %s)", [x.name, x.parameters.audit_log_enabled, x.parameters.audit_log_events])} if {
	some x in input.resources.azure_mysql_flexible_server
	not connection_audited(x.parameters)
}

connection_audited(p) if {
	lower(p.audit_log_enabled) == "on"
	some e in split(p.audit_log_events, ",")
	upper(trim_space(e)) == "CONNECTION"
}
