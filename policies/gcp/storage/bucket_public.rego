# METADATA
# title: Cloud Storage buckets are not public
# description: A bucket's IAM policy (which includes the legacy ACL roles) grants no role to allUsers or allAuthenticatedUsers, unless public access prevention is enforced on it.
# scope: package
# custom:
#   id: gcp-storage-bucket-public
#   severity: critical
#   area: data-protection
#   resource_type: gcp_storage_bucket
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["5.1"]
#   remediation: 'Remove the public members (`gcloud storage buckets remove-iam-policy-binding gs://BUCKET --member=allUsers --role=ROLE`, and allAuthenticatedUsers), and enforce public access prevention: `gcloud storage buckets update gs://BUCKET --public-access-prevention` (or the organization policy `storage.publicAccessPrevention`).'
#   rationale: 'Google stores the objects and runs Cloud Storage (PaaS), but who may read them is configured by the customer: a binding for allUsers or allAuthenticatedUsers publishes the data to everyone on the internet. Access control on its data stores is the customer''s data-protection duty.'
#   pass_message: bucket {name} grants nothing to allUsers or allAuthenticatedUsers, or enforces public access prevention
#   depends_on: [iam_policy, public_access_prevention]
package incloud.gcp.storage.bucket_public

import data.incloud.lib.gcp.iam

deny contains {"resource_id": b.id, "message": msg} if {
	some b in input.resources.gcp_storage_bucket
	b.public_access_prevention != "enforced"
	grants := iam.public_grants(b.iam_policy)
	count(grants) > 0
	msg := sprintf("bucket %s is public: %s", [b.name, concat(", ", sort(grants))])
}
