# METADATA
# title: No one holds Service Account User or Token Creator on the whole project
# description: The project's IAM policy grants neither roles/iam.serviceAccountUser nor roles/iam.serviceAccountTokenCreator (conditional bindings count); grant them on the individual service accounts instead.
# scope: package
# custom:
#   id: gcp-iam-sa-user-role-project-level
#   severity: medium
#   area: user-access-management
#   resource_type: gcp_project
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["1.6"]
#   remediation: Remove the project-level binding (`gcloud projects remove-iam-policy-binding PROJECT --member=MEMBER --role=roles/iam.serviceAccountUser`) and grant the role on the specific service accounts the member needs (`gcloud iam service-accounts add-iam-policy-binding EMAIL --member=MEMBER --role=roles/iam.serviceAccountUser`).
#   rationale: 'Google runs Cloud IAM and enforces whatever policy it holds, but who is granted what in the customer''s projects is configured by the customer alone: these roles at project level let a member act as every service account of the project, present and future, including ones with far more privilege than the member. Scoping impersonation rights is the customer''s access-management decision.'
#   pass_message: project {name} grants Service Account User and Token Creator to no one at project level
#   depends_on: [iam_policy]
package incloud.gcp.iam.sa_user_role_project_level

impersonation_roles := {"roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"}

deny contains {"resource_id": p.id, "message": msg} if {
	some p in input.resources.gcp_project
	grants := {sprintf("%s (%s)", [m, b.role]) |
		some b in p.iam_policy.bindings
		b.role in impersonation_roles
		some m in b.members
	}
	count(grants) > 0
	msg := sprintf("project %s grants service-account impersonation on the whole project: %s", [p.project_id, concat(", ", sort(grants))])
}
