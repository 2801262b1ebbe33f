# METADATA
# title: MySQL accepts only TLS 1.2 or later
# description: >-
#   The server parameter tls_version lists no version older than TLSv1.2.
# scope: package
# custom:
#   id: azure-mysql-tls-version
#   severity: high
#   area: data-protection
#   resource_type: azure_mysql_flexible_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.3.2"]
#   remediation: >-
#     `az mysql flexible-server parameter set --resource-group RG --server-name SERVER --name
#     tls_version --value TLSv1.2,TLSv1.3`.
#   rationale: >-
#     Azure operates the database engine, patches it and runs the hosts (PaaS), but network exposure,
#     authentication, auditing and server parameters are configured by the customer for its data.
#     Which protocol versions the server accepts is the customer's parameter.
#   pass_message: >-
#     MySQL server {name} accepts only TLS 1.2 or later
#   depends_on: [parameters]
package incloud.azure.mysql.tls_version

deny contains {"resource_id": x.id, "message": sprintf("MySQL server %s accepts %s", [x.name, x.parameters.tls_version])} if {
	some x in input.resources.azure_mysql_flexible_server
	some v in split(x.parameters.tls_version, ",")
	upper(trim_space(v)) in {"TLSV1", "TLSV1.1"}
}
