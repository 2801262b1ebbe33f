# METADATA
# title: Cloud KMS key rings are not public
# description: A key ring's IAM policy, which every key in the ring inherits, grants no role to allUsers or allAuthenticatedUsers.
# scope: package
# custom:
#   id: gcp-kms-key-ring-public
#   severity: critical
#   area: data-protection
#   resource_type: gcp_kms_key_ring
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["1.9"]
#   remediation: 'Remove the public members: `gcloud kms keyrings remove-iam-policy-binding RING --location=LOC --member=allAuthenticatedUsers --role=ROLE` (and the same for allUsers).'
#   rationale: 'Google operates Cloud KMS and its hardware, but the keys'' IAM policies, rotation schedules and who may use them are configured by the customer: a role granted on a key ring applies to every key in it, so a public binding there exposes all of them at once. Deciding who may use the customer''s keys is part of the customer''s data-protection duty.'
#   pass_message: KMS key ring {name} grants nothing to allUsers or allAuthenticatedUsers
#   depends_on: [iam_policy]
package incloud.gcp.kms.key_ring_public

import data.incloud.lib.gcp.iam

deny contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.gcp_kms_key_ring
	grants := iam.public_grants(r.iam_policy)
	count(grants) > 0
	msg := sprintf("KMS key ring %s in %s is public: %s", [r.name, r.location, concat(", ", sort(grants))])
}
