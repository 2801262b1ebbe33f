# METADATA
# title: Cloud SQL instances require SSL for every connection
# description: 'Every Cloud SQL instance requires encrypted connections: ssl_mode ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED, or (older instances without ssl_mode) require_ssl true.'
# scope: package
# custom:
#   id: gcp-sql-ssl-required
#   severity: high
#   area: data-protection
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.4"]
#   remediation: '`gcloud sql instances patch INSTANCE --ssl-mode=ENCRYPTED_ONLY` (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED to also require client certificates).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: Google offers TLS, but unencrypted connections stay allowed until the customer requires it, and then credentials and data cross the network in clear text. Protecting its data in transit is the customer''s duty.'
#   pass_message: Cloud SQL instance {name} accepts only encrypted connections
#   depends_on: [ip_configuration]
package incloud.gcp.sql.ssl_required

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	not encrypted_only(i.ip_configuration)
	msg := sprintf("Cloud SQL instance %s accepts unencrypted connections (ssl_mode %v, require_ssl %v)", [i.name, i.ip_configuration.ssl_mode, i.ip_configuration.require_ssl])
}

encrypted_only(c) if c.ssl_mode in {"ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}

encrypted_only(c) if {
	is_null(c.ssl_mode)
	c.require_ssl
}
