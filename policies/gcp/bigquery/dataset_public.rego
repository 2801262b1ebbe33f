# METADATA
# title: BigQuery datasets are not public
# description: No access entry of a dataset grants a role to allUsers or allAuthenticatedUsers.
# scope: package
# custom:
#   id: gcp-bigquery-dataset-public
#   severity: critical
#   area: data-protection
#   resource_type: gcp_bigquery_dataset
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["7.1"]
#   remediation: 'Remove the public entries: `bq show --format=prettyjson PROJECT:DATASET > ds.json`, delete the allUsers / allAuthenticatedUsers entries from `access`, `bq update --source ds.json PROJECT:DATASET`.'
#   rationale: 'Google runs BigQuery (PaaS), while who may read the customer''s datasets and which keys protect them is configured by the customer: a public access entry publishes every table of the dataset to the internet. Access control on its data stores is the customer''s data-protection duty.'
#   pass_message: dataset {name} grants nothing to allUsers or allAuthenticatedUsers
#   depends_on: [access]
package incloud.gcp.bigquery.dataset_public

import data.incloud.lib.gcp.iam

deny contains {"resource_id": d.id, "message": msg} if {
	some d in input.resources.gcp_bigquery_dataset
	public := {sprintf("%s %s", [who, a.role]) |
		some a in d.access
		some who in [a.special_group, a.iam_member]
		who in iam.public_members
	}
	count(public) > 0
	msg := sprintf("dataset %s is public: %s", [d.dataset_id, concat(", ", sort(public))])
}
