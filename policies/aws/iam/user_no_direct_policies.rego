# METADATA
# title: IAM users receive permissions only through groups or roles
# description: No IAM user has managed policies attached directly or inline policies embedded in it.
# scope: package
# custom:
#   id: aws-iam-user-no-direct-policies
#   severity: low
#   area: user-access-management
#   resource_type: aws_iam_user
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.14"]
#   remediation: Create (or reuse) an IAM group with the needed policies (`aws iam create-group`, `aws iam attach-group-policy`), add the user to it (`aws iam add-user-to-group`), then remove the user's own policies with `aws iam detach-user-policy --user-name NAME --policy-arn ARN` and `aws iam delete-user-policy --user-name NAME --policy-name POLICY`.
#   rationale: AWS evaluates whatever permissions the customer grants, but how those grants are organised is the customer's design. Permissions attached user by user drift apart, are hard to review and are often forgotten when a person changes role. Granting through groups and roles keeps the customer's least-privilege model auditable, which is the customer's duty, not AWS's.
#   pass_message: IAM user {name} has no policies attached directly
#   depends_on: [attached_policies, inline_policies]
package incloud.aws.iam.user_no_direct_policies

import data.incloud.lib.aws.iam

direct(u) := array.concat(
	sort([sprintf("managed %s", [p.policy_name]) | some p in iam.as_array(u.attached_policies)]),
	sort([sprintf("inline %s", [p.policy_name]) | some p in iam.as_array(u.inline_policies)]),
)

# direct reads only the policy fields (depends_on): it is given just those, so that users with the
# same policies share one evaluation through OPA's function cache.
deny contains {"resource_id": u.id, "message": msg} if {
	some u in input.resources.aws_iam_user
	policies := direct(object.filter(u, ["attached_policies", "inline_policies"]))
	count(policies) > 0
	msg := sprintf("IAM user %s has policies attached directly instead of through a group: %s", [u.name, concat(", ", policies)])
}
