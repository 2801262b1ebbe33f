# METADATA
# title: MySQL audit log is on
# description: >-
#   The server parameter audit_log_enabled is ON.
# scope: package
# custom:
#   id: azure-mysql-audit-log
#   severity: medium
#   area: compliance-governance
#   resource_type: azure_mysql_flexible_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.3.3"]
#   remediation: >-
#     `az mysql flexible-server parameter set --resource-group RG --server-name SERVER --name
#     audit_log_enabled --value ON`.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data.
#     Database audit logging is off unless the customer turns it on.
#   pass_message: >-
#     MySQL server {name} has its audit log on
#   depends_on: [parameters]
package incloud.azure.mysql.audit_log

deny contains {"resource_id": x.id, "message": sprintf("MySQL server %s has audit_log_enabled = %s", [x.name, x.parameters.audit_log_enabled])} if {
	some x in input.resources.azure_mysql_flexible_server
	lower(x.parameters.audit_log_enabled) != "on"
}
