# METADATA
# title: No one both administers and uses service accounts
# description: No member of the project's IAM policy holds both roles/iam.serviceAccountAdmin and roles/iam.serviceAccountUser.
# scope: package
# custom:
#   id: gcp-iam-sa-separation-of-duties
#   severity: medium
#   area: user-access-management
#   resource_type: gcp_project
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["1.8"]
#   remediation: 'Split the duties: keep Service Account Admin with the people who create and manage service accounts and Service Account User with those who deploy workloads, and remove one of the two roles from every member that has both (`gcloud projects remove-iam-policy-binding`).'
#   rationale: 'Google runs Cloud IAM and enforces whatever policy it holds, but who is granted what in the customer''s projects is configured by the customer alone: a member who can both create service accounts (and grant them roles) and act as them can give themselves any privilege without a second person noticing. Separating those duties is an access-governance decision only the customer can make.'
#   pass_message: no member of project {name} holds both Service Account Admin and Service Account User
#   depends_on: [iam_policy]
package incloud.gcp.iam.sa_separation_of_duties

import data.incloud.lib.gcp.iam

deny contains {"resource_id": p.id, "message": msg} if {
	some p in input.resources.gcp_project
	both := {m |
		some m, roles in iam.roles_of(p.iam_policy)
		"roles/iam.serviceAccountAdmin" in roles
		"roles/iam.serviceAccountUser" in roles
	}
	count(both) > 0
	msg := sprintf("project %s: %s hold both Service Account Admin and Service Account User", [p.project_id, concat(", ", sort(both))])
}
