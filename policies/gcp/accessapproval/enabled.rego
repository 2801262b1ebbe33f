# METADATA
# title: Access Approval is enabled
# description: The Access Approval API is enabled in the project and at least one service is enrolled, so that Google personnel need the customer's explicit approval before accessing its content.
# scope: package
# custom:
#   id: gcp-accessapproval-enabled
#   severity: low
#   area: compliance-governance
#   resource_type: gcp_project
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["2.15"]
#   remediation: 'Enable the API and enroll services: `gcloud services enable accessapproval.googleapis.com` then `gcloud access-approval settings update --project=PROJECT --enrolled_services=all --notification_emails=security@example.com` (requires an eligible support plan).'
#   rationale: Google decides whether its staff may access customer content only within the limits the customer sets; Access Approval is the customer's switch that makes every such access wait for its approval. Turning it on and answering the requests is the customer's governance choice.
#   pass_message: Access Approval is enabled in project {name} with enrolled services
#   depends_on: [enabled_services, access_approval]
package incloud.gcp.accessapproval.enabled

deny contains {"resource_id": p.id, "message": msg} if {
	some p in input.resources.gcp_project
	why := problem(p)
	msg := sprintf("Access Approval in project %s: %s", [p.project_id, why])
}

problem(p) := "the Access Approval API is not enabled" if {
	not "accessapproval.googleapis.com" in p.enabled_services
} else := "no Access Approval settings" if {
	is_null(p.access_approval)
} else := "no service is enrolled" if {
	count(p.access_approval.enrolled_services) == 0
}
