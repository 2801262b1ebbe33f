# METADATA
# title: The root user has MFA enabled
# description: The account's root user has a multi-factor authentication device (GetAccountSummary AccountMFAEnabled is 1).
# scope: package
# custom:
#   id: aws-iam-root-mfa
#   severity: critical
#   area: user-access-management
#   resource_type: aws_account
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.4"]
#   remediation: Sign in as the root user, open Security credentials (account menu > Security credentials), choose Assign MFA device and register a hardware security key, hardware TOTP token or authenticator app. Confirm with `aws iam get-account-summary` that AccountMFAEnabled is 1.
#   rationale: AWS provides the MFA mechanism, but whether the root user is protected by it is the customer's choice. The root user can close the account, change billing and bypass every IAM policy, so a phished or reused root password alone must not be enough to sign in. Enrolling MFA on the root user is the customer's part of the shared-responsibility model for identity.
#   pass_message: the root user of account {name} has MFA enabled
#   depends_on: [root]
package incloud.aws.iam.root_mfa

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	a.root.mfa_active == false
	msg := sprintf("root user of account %s has no MFA device", [a.name])
}
