# METADATA
# title: API keys are at most 90 days old
# description: 'Every API key was created less than 90 days before the snapshot (API keys cannot be rotated in place: a new key replaces the old one).'
# scope: package
# custom:
#   id: gcp-apikeys-rotation
#   severity: medium
#   area: user-access-management
#   resource_type: gcp_apikeys_key
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["1.15"]
#   remediation: Create a replacement key with the same restrictions (`gcloud services api-keys create`), move the application to it, then delete the old key (`gcloud services api-keys delete KEY_ID`).
#   rationale: 'Google runs the API Keys service, but whether keys exist, what they may call and from where, and when they are replaced is configured by the customer: Google never replaces a key on its own; a key that lives for years has had years to leak. Regular replacement of customer-held secrets is the customer''s duty.'
#   pass_message: API key {name} is less than 90 days old
#   depends_on: [create_time]
package incloud.gcp.apikeys.rotation

import data.incloud.lib.time

deny contains {"resource_id": k.id, "message": msg} if {
	some k in input.resources.gcp_apikeys_key
	time.older_than(k.create_time, 90)
	msg := sprintf("API key %s was created %d days ago", [k.name, time.days_since(k.create_time)])
}
