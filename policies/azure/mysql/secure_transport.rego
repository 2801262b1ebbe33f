# METADATA
# title: MySQL requires secure transport
# description: >-
#   The server parameter require_secure_transport is ON.
# scope: package
# custom:
#   id: azure-mysql-secure-transport
#   severity: high
#   area: data-protection
#   resource_type: azure_mysql_flexible_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.3.1"]
#   remediation: >-
#     `az mysql flexible-server parameter set --resource-group RG --server-name SERVER --name
#     require_secure_transport --value ON`.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data.
#     Unencrypted client connections are accepted unless the customer requires TLS.
#   pass_message: >-
#     MySQL server {name} requires secure transport
#   depends_on: [parameters]
package incloud.azure.mysql.secure_transport

deny contains {"resource_id": x.id, "message": sprintf("MySQL server %s has require_secure_transport = %s", [x.name, x.parameters.require_secure_transport])} if {
	some x in input.resources.azure_mysql_flexible_server
	lower(x.parameters.require_secure_transport) != "on"
}
