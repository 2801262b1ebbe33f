# METADATA
# title: IAM roles have no inline policy granting full administrative privileges
# description: No inline policy embedded in an IAM role has an Allow statement with Action "*" (or "*:*", alone or in a list) on Resource "*". Service-linked roles, whose policies AWS defines, are excepted; NotAction statements are not counted.
# scope: package
# custom:
#   id: aws-iam-role-inline-admin-policy
#   severity: high
#   area: user-access-management
#   resource_type: aws_iam_role
#   service_model: paas
#   frameworks: {}
#   remediation: Work out what the role's workload or users need (IAM Access Analyzer can generate a policy from CloudTrail activity), attach a scoped policy, then delete the inline one with `aws iam delete-role-policy --role-name NAME --policy-name POLICY` or in the IAM console (Roles > role > Permissions > Remove). Check the trust policy too, so that only the intended principals can assume the role.
#   rationale: AWS enforces role policies as written, but the customer writes them and decides who may assume the role. A role with an inline "*" on "*" policy hands full control of the account to every workload or principal that can assume it, so a single compromised instance, function or federated user becomes an account takeover. Service-linked roles are excepted because AWS owns their policies; every other role is the customer's to keep least-privileged.
#   pass_message: IAM role {name} is service-linked or has no inline policy allowing all actions on all resources
#   depends_on: [inline_policies, is_service_linked]
package incloud.aws.iam.role_inline_admin_policy

import data.incloud.lib.aws.iam

deny contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.aws_iam_role
	not r.is_service_linked == true
	names := iam.admin_inline_policy_names(r.inline_policies)
	count(names) > 0
	msg := sprintf("IAM role %s has inline policies allowing all actions on all resources: %s", [r.name, concat(", ", names)])
}
