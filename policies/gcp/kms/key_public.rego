# METADATA
# title: Cloud KMS keys are not public
# description: A key's IAM policy grants no role to allUsers or allAuthenticatedUsers.
# scope: package
# custom:
#   id: gcp-kms-key-public
#   severity: critical
#   area: data-protection
#   resource_type: gcp_kms_crypto_key
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["1.9"]
#   remediation: 'Remove the public members: `gcloud kms keys remove-iam-policy-binding KEY --keyring=RING --location=LOC --member=allUsers --role=ROLE` (and the same for allAuthenticatedUsers).'
#   rationale: 'Google operates Cloud KMS and its hardware, but the keys'' IAM policies, rotation schedules and who may use them are configured by the customer: a key usable or readable by anyone on the internet protects nothing. Deciding who may use the customer''s keys is part of the customer''s data-protection duty.'
#   pass_message: KMS key {name} grants nothing to allUsers or allAuthenticatedUsers
#   depends_on: [iam_policy]
package incloud.gcp.kms.key_public

import data.incloud.lib.gcp.iam

deny contains {"resource_id": k.id, "message": msg} if {
	some k in input.resources.gcp_kms_crypto_key
	grants := iam.public_grants(k.iam_policy)
	count(grants) > 0
	msg := sprintf("KMS key %s in key ring %s is public: %s", [k.name, k.key_ring, concat(", ", sort(grants))])
}
