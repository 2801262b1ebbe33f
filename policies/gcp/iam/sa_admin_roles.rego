# METADATA
# title: Service accounts hold no admin roles on the project
# description: No service account is granted Owner, Editor or a role whose name contains "admin" in the project's IAM policy (conditional bindings count).
# scope: package
# custom:
#   id: gcp-iam-sa-admin-roles
#   severity: high
#   area: user-access-management
#   resource_type: gcp_project
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["1.5"]
#   remediation: 'Give each service account a narrow predefined or custom role for what its workload does, then remove the admin binding: `gcloud projects remove-iam-policy-binding PROJECT --member=serviceAccount:EMAIL --role=ROLE`. The Compute Engine default service account gets Editor automatically; the organization policy `iam.automaticIamGrantsForDefaultServiceAccounts` turns that off.'
#   rationale: 'Google runs Cloud IAM and enforces whatever policy it holds, but who is granted what in the customer''s projects is configured by the customer alone: a service account''s credentials live inside workloads the customer runs (VMs, functions, CI jobs), so an admin role turns any compromise of such a workload into control of the whole project. Least privilege for workload identities is the customer''s responsibility.'
#   pass_message: project {name} grants no admin roles to service accounts
#   depends_on: [iam_policy]
package incloud.gcp.iam.sa_admin_roles

import data.incloud.lib.gcp.iam

deny contains {"resource_id": p.id, "message": msg} if {
	some p in input.resources.gcp_project
	grants := {sprintf("%s (%s)", [m, b.role]) |
		some b in p.iam_policy.bindings
		iam.admin_role(b.role)
		some m in b.members
		iam.service_account_member(m)
	}
	count(grants) > 0
	msg := sprintf("project %s grants admin roles to service accounts: %s", [p.project_id, concat(", ", sort(grants))])
}
