# METADATA
# title: Essential Contacts cover the security-relevant notification categories
# description: The contacts that apply to the project (its own and its organization's) cover the LEGAL, SECURITY, SUSPENSION, TECHNICAL and TECHNICAL_INCIDENTS categories (ALL covers every category).
# scope: package
# custom:
#   id: gcp-essentialcontacts-configured
#   severity: low
#   area: compliance-governance
#   resource_type: gcp_project
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["1.16"]
#   remediation: 'Add contacts on the organization: `gcloud essential-contacts create --email=security@example.com --notification-categories=SECURITY,TECHNICAL_INCIDENTS,LEGAL,SUSPENSION,TECHNICAL --organization=ORG_ID`.'
#   rationale: Google sends notices about security incidents, suspensions and legal matters, but only to the people the customer names; without contacts they reach whoever happens to be an owner, or no one. Keeping those contacts current is the customer's governance duty.
#   pass_message: essential contacts of project {name} cover LEGAL, SECURITY, SUSPENSION, TECHNICAL and TECHNICAL_INCIDENTS
#   depends_on: [essential_contacts]
package incloud.gcp.essentialcontacts.configured

required := {"LEGAL", "SECURITY", "SUSPENSION", "TECHNICAL", "TECHNICAL_INCIDENTS"}

deny contains {"resource_id": p.id, "message": msg} if {
	some p in input.resources.gcp_project
	covered := {c | some e in p.essential_contacts; some c in e.notification_categories}
	not "ALL" in covered
	missing := required - covered
	count(missing) > 0
	msg := sprintf("no essential contact for %s in project %s or its organization", [concat(", ", sort(missing)), p.project_id])
}
