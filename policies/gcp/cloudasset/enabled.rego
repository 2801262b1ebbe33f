# METADATA
# title: Cloud Asset Inventory is enabled
# description: The Cloud Asset API (cloudasset.googleapis.com) is enabled in the project, so that its resources and IAM policies have an inventory and a five-week history.
# scope: package
# custom:
#   id: gcp-cloudasset-enabled
#   severity: low
#   area: compliance-governance
#   resource_type: gcp_project
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["2.13"]
#   remediation: '`gcloud services enable cloudasset.googleapis.com --project=PROJECT`.'
#   rationale: Google offers the Cloud Asset Inventory, but it runs for a project only when the customer enables its API. An inventory and change history of the customer's own resources is the configuration record that audits and investigations need, which is the customer's governance duty.
#   pass_message: the Cloud Asset API is enabled in project {name}
#   depends_on: [enabled_services]
package incloud.gcp.cloudasset.enabled

deny contains {"resource_id": p.id, "message": msg} if {
	some p in input.resources.gcp_project
	not "cloudasset.googleapis.com" in p.enabled_services
	msg := sprintf("the Cloud Asset API is not enabled in project %s", [p.project_id])
}
