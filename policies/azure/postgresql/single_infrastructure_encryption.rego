# METADATA
# title: PostgreSQL single server has infrastructure double encryption
# description: >-
#   A [LEGACY] PostgreSQL single server encrypts its data a second time at the infrastructure
#   layer (infrastructureEncryption Enabled).
# scope: package
# custom:
#   id: azure-postgresql-single-infrastructure-encryption
#   severity: low
#   area: data-protection
#   resource_type: azure_postgresql_server
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["5.2.8"]
#   remediation: >-
#     Infrastructure encryption can be chosen only when a server is created: migrate the data to a
#     flexible server (Microsoft's replacement for the retired Single Server), or to a single server
#     created with `az postgres server create ... --infrastructure-encryption Enabled`.
#   rationale: >-
#     Azure encrypts storage at rest for every server, but the second, infrastructure-level layer of
#     encryption is an option the customer chooses when creating the server. Microsoft has retired
#     Single Server; a server still running is unsupported and should be migrated.
#   pass_message: >-
#     PostgreSQL single server {name} has infrastructure double encryption
#   depends_on: [infrastructure_encryption]
package incloud.azure.postgresql.single_infrastructure_encryption

deny contains {"resource_id": x.id, "message": sprintf("PostgreSQL single server %s has infrastructure double encryption %s", [x.name, x.infrastructure_encryption])} if {
	some x in input.resources.azure_postgresql_server
	x.infrastructure_encryption != "Enabled"
}
