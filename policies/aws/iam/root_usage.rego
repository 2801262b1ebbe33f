# METADATA
# title: The root user is not used
# description: Neither the root user's password nor either of its access keys was used in the 90 days before the snapshot was collected (from the IAM credential report).
# scope: package
# custom:
#   id: aws-iam-root-usage
#   severity: high
#   area: user-access-management
#   resource_type: aws_account
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.6"]
#   remediation: Find out who used the root user and why (CloudTrail events with userIdentity.type "Root"). Create IAM Identity Center users or IAM roles with the permissions those tasks need, move the work to them, delete any root access keys, and keep the root password and MFA device locked away for the few tasks that truly require root.
#   rationale: AWS authenticates the root user, but how the customer's people sign in day to day is the customer's decision. Root actions cannot be restricted by IAM policies or attributed to a person, so routine use of root removes least privilege and accountability at once. Using named, least-privileged identities instead of root is the customer's side of the shared-responsibility model.
#   pass_message: the root user of account {name} was not used in the last 90 days
#   depends_on: [root]
package incloud.aws.iam.root_usage

import data.incloud.lib.time

# window is the number of days within which any root use fails the check.
window := 90

credentials := [
	["password", "password_last_used"],
	["access key 1", "access_key_1_last_used"],
	["access key 2", "access_key_2_last_used"],
]

recent_uses(root) := [sprintf("%s %d days ago (%s)", [label, time.days_since(ts), ts]) |
	some c in credentials
	label := c[0]
	ts := root[c[1]]
	is_string(ts)
	not time.older_than(ts, window)
]

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	uses := recent_uses(a.root)
	count(uses) > 0
	msg := sprintf("root user of account %s was used in the last %d days: %s", [a.name, window, concat(", ", uses)])
}
