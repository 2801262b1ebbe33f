# METADATA
# title: Cloud KMS symmetric keys rotate at least every 90 days
# description: Every enabled symmetric (ENCRYPT_DECRYPT) key has automatic rotation with a period of at most 90 days and a next rotation time within 90 days of the snapshot. Asymmetric and MAC keys cannot rotate automatically and pass.
# scope: package
# custom:
#   id: gcp-kms-key-rotation
#   severity: medium
#   area: data-protection
#   resource_type: gcp_kms_crypto_key
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["1.10"]
#   remediation: 'Set a rotation schedule: `gcloud kms keys update KEY --keyring=RING --location=LOC --rotation-period=90d --next-rotation-time=TIME`.'
#   rationale: 'Google operates Cloud KMS and its hardware, but the keys'' IAM policies, rotation schedules and who may use them are configured by the customer: Google rotates a key only when the customer sets a rotation schedule on it. Rotation limits how much data one key version protects and how long a leaked version stays useful; choosing the schedule is the customer''s part of key management.'
#   pass_message: KMS key {name} rotates at least every 90 days, or is not an enabled symmetric key
#   depends_on: [purpose, primary_state, rotation_period_seconds, next_rotation_time]
package incloud.gcp.kms.key_rotation

import data.incloud.lib.time

max_seconds := 7776000

deny contains {"resource_id": k.id, "message": msg} if {
	some k in input.resources.gcp_kms_crypto_key
	k.purpose == "ENCRYPT_DECRYPT"
	k.primary_state == "ENABLED"
	why := problem(k)
	msg := sprintf("KMS key %s in key ring %s: %s", [k.name, k.key_ring, why])
}

problem(k) := "automatic rotation is off" if {
	is_null(k.rotation_period_seconds)
} else := sprintf("rotation period is %d days", [k.rotation_period_seconds / 86400]) if {
	k.rotation_period_seconds > max_seconds
} else := "no next rotation time is set" if {
	is_null(k.next_rotation_time)
} else := sprintf("next rotation is %s, more than 90 days away", [k.next_rotation_time]) if {
	time.days_since(k.next_rotation_time) < -90
}
