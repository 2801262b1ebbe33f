# METADATA
# title: API keys are restricted to the APIs they need
# description: An API key lists the APIs it may call, and the list is not cloudapis.googleapis.com (which stands for all of Google Cloud).
# scope: package
# custom:
#   id: gcp-apikeys-api-restrictions
#   severity: medium
#   area: user-access-management
#   resource_type: gcp_apikeys_key
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["1.14"]
#   remediation: 'Restrict the key to the services its application calls: `gcloud services api-keys update KEY_ID --api-target=service=maps-backend.googleapis.com`.'
#   rationale: 'Google runs the API Keys service, but whether keys exist, what they may call and from where, and when they are replaced is configured by the customer: a key without API restrictions can call every enabled API of the project, so one leaked key for a map widget can reach much more. Limiting what a key may call is the customer''s configuration.'
#   pass_message: API key {name} is restricted to specific APIs
#   depends_on: [restrictions]
package incloud.gcp.apikeys.api_restrictions

deny contains {"resource_id": k.id, "message": msg} if {
	some k in input.resources.gcp_apikeys_key
	count(k.restrictions.api_targets) == 0
	msg := sprintf("API key %s may call every enabled API (no API restriction)", [k.name])
}

deny contains {"resource_id": k.id, "message": msg} if {
	some k in input.resources.gcp_apikeys_key
	some t in k.restrictions.api_targets
	t.service == "cloudapis.googleapis.com"
	msg := sprintf("API key %s may call every Google Cloud API (cloudapis.googleapis.com)", [k.name])
}
