# METADATA
# title: BigQuery tables are encrypted with customer-managed keys
# description: Every BigQuery table (views hold no data and pass) is encrypted with a Cloud KMS key (CMEK).
# scope: package
# custom:
#   id: gcp-bigquery-table-cmek
#   severity: low
#   area: data-protection
#   resource_type: gcp_bigquery_table
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["7.2"]
#   remediation: 'Copy the table with a key: `bq cp --destination_kms_key projects/P/locations/L/keyRings/R/cryptoKeys/K DATASET.TABLE DATASET.TABLE` (or `bq update --destination_kms_key ...` on the table).'
#   rationale: 'Google runs BigQuery (PaaS), while who may read the customer''s datasets and which keys protect them is configured by the customer: with Google-managed keys the customer cannot revoke access to the data or control the key''s rotation and location. Deciding which data needs customer-controlled keys is the customer''s data-protection duty.'
#   pass_message: table {name} is encrypted with a customer-managed key, or is a view
#   depends_on: [table_type, kms_key_name]
package incloud.gcp.bigquery.table_cmek

deny contains {"resource_id": t.id, "message": msg} if {
	some t in input.resources.gcp_bigquery_table
	t.table_type != "VIEW"
	is_null(t.kms_key_name)
	msg := sprintf("table %s.%s is not encrypted with a customer-managed key", [t.dataset_id, t.name])
}
