# METADATA
# title: The project has no API keys
# description: 'No API key exists in the project: API keys are bearer secrets without an identity, so the standard authentication flow (service accounts, OAuth) is used instead.'
# scope: package
# custom:
#   id: gcp-apikeys-none
#   severity: low
#   area: user-access-management
#   resource_type: gcp_project
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["1.12"]
#   remediation: 'Move each caller to a service account or OAuth, then delete the keys: `gcloud services api-keys delete KEY_ID`. Where a key is unavoidable (e.g. Maps in a browser), restrict it (see gcp-apikeys-host-restrictions and gcp-apikeys-api-restrictions) and accept it with a waiver.'
#   rationale: 'Google runs the API Keys service, but whether keys exist, what they may call and from where, and when they are replaced is configured by the customer: an API key is an unscoped secret that works for anyone who holds it, is often embedded in apps and repositories, and identifies no principal in the audit logs. Avoiding them is part of the customer''s credential management.'
#   pass_message: project {name} has no API keys
#   depends_on: [gcp_apikeys_key.name]
package incloud.gcp.apikeys.none

deny contains {"resource_id": p.id, "message": msg} if {
	some p in input.resources.gcp_project
	names := {k.name | some k in input.resources.gcp_apikeys_key}
	count(names) > 0
	msg := sprintf("project %s has %d API key(s): %s", [p.project_id, count(names), concat(", ", sort(names))])
}
