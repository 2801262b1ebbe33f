# METADATA
# title: No attached customer-managed policy grants full administrative privileges
# description: No customer-managed IAM policy that is attached to a user, group or role (attachment_count above 0) has an Allow statement with Action "*" (or "*:*", alone or in a list) on Resource "*". NotAction statements are not counted.
# scope: package
# custom:
#   id: aws-iam-policy-no-full-admin
#   severity: high
#   area: user-access-management
#   resource_type: aws_iam_policy
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.15"]
#   remediation: Find who uses the policy (`aws iam list-entities-for-policy --policy-arn ARN`), work out which actions and resources they really need (IAM Access Analyzer policy generation or last-accessed data help), replace the "*" statement with those, and publish it as a new default version (`aws iam create-policy-version --policy-arn ARN --policy-document file://policy.json --set-as-default`). Detach the policy from anyone who should not administer the account.
#   rationale: AWS enforces IAM policies exactly as written, but the policies themselves, and whom they are attached to, are the customer's. A policy allowing every action on every resource turns each identity it is attached to into an account administrator, so one compromised user or workload compromises everything. Least privilege in the customer's own policies is the customer's responsibility under the shared-responsibility model.
#   pass_message: customer-managed IAM policy {name} is unattached or does not allow all actions on all resources
#   depends_on: [attachment_count, document]
package incloud.aws.iam.policy_no_full_admin

import data.incloud.lib.aws.iam

deny contains {"resource_id": p.id, "message": msg} if {
	some p in input.resources.aws_iam_policy
	p.attachment_count > 0
	iam.allows_full_admin(p.document)
	msg := sprintf("customer-managed IAM policy %s allows all actions (\"*\") on all resources and is attached to %s", [p.name, holders(p.attachment_count)])
}

holders(n) := "1 user, group or role" if n == 1

else := sprintf("%d users, groups or roles", [n])
