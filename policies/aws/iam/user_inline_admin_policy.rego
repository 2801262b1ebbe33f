# METADATA
# title: IAM users have no inline policy granting full administrative privileges
# description: No inline policy embedded in an IAM user has an Allow statement with Action "*" (or "*:*", alone or in a list) on Resource "*". NotAction statements are not counted.
# scope: package
# custom:
#   id: aws-iam-user-inline-admin-policy
#   severity: high
#   area: user-access-management
#   resource_type: aws_iam_user
#   service_model: paas
#   frameworks: {}
#   remediation: Review what the user actually needs, then delete the inline policy (IAM console > Users > user > Permissions > Remove, or `aws iam delete-user-policy --user-name NAME --policy-name POLICY`) and grant scoped permissions through a group instead. If the user must administer the account, give admin rights through a role assumed with MFA rather than an inline "*" grant.
#   rationale: AWS enforces inline policies as written, but writing them is entirely the customer's doing. An inline "*" on "*" policy makes the user a full administrator while hiding that fact from reviews of managed policies and groups, and a leaked password or key of that user compromises the whole account. Keeping such grants least-privileged and visible is the customer's responsibility.
#   pass_message: IAM user {name} has no inline policy allowing all actions on all resources
#   depends_on: [inline_policies]
package incloud.aws.iam.user_inline_admin_policy

import data.incloud.lib.aws.iam

deny contains {"resource_id": u.id, "message": msg} if {
	some u in input.resources.aws_iam_user
	names := iam.admin_inline_policy_names(u.inline_policies)
	count(names) > 0
	msg := sprintf("IAM user %s has inline policies allowing all actions on all resources: %s", [u.name, concat(", ", names)])
}
