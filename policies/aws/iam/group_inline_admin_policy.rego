# METADATA
# title: IAM groups have no inline policy granting full administrative privileges
# description: No inline policy embedded in an IAM group has an Allow statement with Action "*" (or "*:*", alone or in a list) on Resource "*". NotAction statements are not counted.
# scope: package
# custom:
#   id: aws-iam-group-inline-admin-policy
#   severity: high
#   area: user-access-management
#   resource_type: aws_iam_group
#   service_model: paas
#   frameworks: {}
#   remediation: Replace the inline policy with scoped permissions (a customer-managed policy listing only the needed actions and resources, attached with `aws iam attach-group-policy`), then delete it with `aws iam delete-group-policy --group-name NAME --policy-name POLICY` or in the IAM console (User groups > group > Permissions > Remove). Keep account administration in a separate, MFA-protected role.
#   rationale: AWS enforces group policies as written, but which permissions a group carries is the customer's design. An inline "*" on "*" policy silently makes every present and future member a full administrator, outside the managed policies that reviews usually look at. Least privilege for the customer's own groups is the customer's responsibility, not AWS's.
#   pass_message: IAM group {name} has no inline policy allowing all actions on all resources
#   depends_on: [inline_policies]
package incloud.aws.iam.group_inline_admin_policy

import data.incloud.lib.aws.iam

deny contains {"resource_id": g.id, "message": msg} if {
	some g in input.resources.aws_iam_group
	names := iam.admin_inline_policy_names(g.inline_policies)
	count(names) > 0
	msg := sprintf("IAM group %s has inline policies allowing all actions on all resources: %s", [g.name, concat(", ", names)])
}
