# METADATA
# title: Cloud Storage buckets use uniform bucket-level access
# description: Every bucket has uniform bucket-level access enabled, so that access is controlled by IAM alone and object ACLs are ignored.
# scope: package
# custom:
#   id: gcp-storage-bucket-uniform-access
#   severity: medium
#   area: data-protection
#   resource_type: gcp_storage_bucket
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["5.2"]
#   remediation: '`gcloud storage buckets update gs://BUCKET --uniform-bucket-level-access` (after moving any object ACL grants to IAM); the organization policy `storage.uniformBucketLevelAccess` enforces it.'
#   rationale: 'Google stores the objects and runs Cloud Storage (PaaS), but who may read them is configured by the customer: with fine-grained ACLs, every object can carry its own grants, which nobody reviews and IAM policies do not show. Keeping access to its data reviewable is the customer''s data-protection duty.'
#   pass_message: bucket {name} uses uniform bucket-level access
#   depends_on: [uniform_bucket_level_access]
package incloud.gcp.storage.bucket_uniform_access

deny contains {"resource_id": b.id, "message": msg} if {
	some b in input.resources.gcp_storage_bucket
	not b.uniform_bucket_level_access
	msg := sprintf("bucket %s uses fine-grained (ACL) access control", [b.name])
}
