# METADATA
# title: BigQuery datasets have a default customer-managed key
# description: Every dataset has a default Cloud KMS key (CMEK), so that new tables are encrypted with it.
# scope: package
# custom:
#   id: gcp-bigquery-dataset-cmek
#   severity: low
#   area: data-protection
#   resource_type: gcp_bigquery_dataset
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["7.3"]
#   remediation: '`bq update --default_kms_key projects/P/locations/L/keyRings/R/cryptoKeys/K PROJECT:DATASET`.'
#   rationale: 'Google runs BigQuery (PaaS), while who may read the customer''s datasets and which keys protect them is configured by the customer: without a default key, every new table falls back to Google-managed keys unless its creator remembers otherwise. Setting its own encryption defaults is the customer''s data-protection duty.'
#   pass_message: dataset {name} has a default customer-managed key
#   depends_on: [default_kms_key_name]
package incloud.gcp.bigquery.dataset_cmek

deny contains {"resource_id": d.id, "message": msg} if {
	some d in input.resources.gcp_bigquery_dataset
	is_null(d.default_kms_key_name)
	msg := sprintf("dataset %s has no default customer-managed key", [d.dataset_id])
}
