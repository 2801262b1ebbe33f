# METADATA
# title: Project IAM grants go to corporate identities, not personal Google accounts
# description: No binding of the project's IAM policy names a personal (gmail.com or googlemail.com) Google account.
# scope: package
# custom:
#   id: gcp-iam-corporate-credentials
#   severity: medium
#   area: user-access-management
#   resource_type: gcp_project
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["1.1"]
#   remediation: 'Grant the roles to the person''s corporate identity (Cloud Identity or Google Workspace account of your domain) or to a group, then remove the personal account: `gcloud projects remove-iam-policy-binding PROJECT --member=user:NAME@gmail.com --role=ROLE`. An organization policy `iam.allowedPolicyMemberDomains` keeps it from coming back.'
#   rationale: 'Google runs Cloud IAM and enforces whatever policy it holds, but who is granted what in the customer''s projects is configured by the customer alone: personal Gmail accounts are outside the company''s identity provider, so the company cannot enforce MFA, disable them when someone leaves, or audit their sign-ins. Choosing which identities may hold roles is the customer''s part of identity management under every service model.'
#   pass_message: project {name} grants no roles to personal Google accounts
#   depends_on: [iam_policy]
package incloud.gcp.iam.corporate_credentials

consumer_domains := {"gmail.com", "googlemail.com"}

deny contains {"resource_id": p.id, "message": msg} if {
	some p in input.resources.gcp_project
	members := {m |
		some b in p.iam_policy.bindings
		some m in b.members
		startswith(m, "user:")
		parts := split(m, "@")
		lower(parts[count(parts) - 1]) in consumer_domains
	}
	count(members) > 0
	msg := sprintf("project %s grants roles to personal Google accounts: %s", [p.project_id, concat(", ", sort(members))])
}
