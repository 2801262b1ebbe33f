# METADATA
# title: The root user has no access keys
# description: The account's root user has no access keys (GetAccountSummary AccountAccessKeysPresent is 0).
# scope: package
# custom:
#   id: aws-iam-root-access-keys
#   severity: critical
#   area: user-access-management
#   resource_type: aws_account
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.3"]
#   remediation: Sign in as the root user, open Security credentials (account menu > Security credentials), and under Access keys deactivate and then delete every key after moving any automation that used it to an IAM role or a least-privilege IAM user. Confirm with `aws iam get-account-summary` that AccountAccessKeysPresent is 0.
#   rationale: AWS runs IAM and protects its own infrastructure, but the root user's credentials belong to the customer, and only the customer can create or delete them. A root access key grants unrestricted, unscopable API access to every resource and billing setting in the account; if it leaks from a script, laptop or repository, no IAM policy can limit what it does. Keeping the root user key-free is therefore entirely the customer's duty.
#   pass_message: the root user of account {name} has no access keys
#   depends_on: [root]
package incloud.aws.iam.root_access_keys

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	a.root.access_keys_present == true
	msg := sprintf("root user of account %s has access keys", [a.name])
}
