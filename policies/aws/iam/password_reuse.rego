# METADATA
# title: The IAM password policy prevents reuse of the last 24 passwords
# description: The account has an IAM password policy whose password_reuse_prevention is 24 or more. No policy, or a policy without reuse prevention, fails.
# scope: package
# custom:
#   id: aws-iam-password-reuse
#   severity: medium
#   area: user-access-management
#   resource_type: aws_account
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.8"]
#   remediation: In the IAM console open Account settings > Password policy > Edit, tick Prevent password reuse and set 24, or run `aws iam update-account-password-policy --password-reuse-prevention 24` together with your other password settings (the call replaces the whole policy).
#   rationale: AWS enforces whatever password policy the account has, but the policy itself is the customer's configuration. Letting users cycle back to an old password means a password exposed once stays useful to an attacker indefinitely. Requiring fresh passwords is the customer's part of managing the credentials of its own IAM users.
#   depends_on: [password_policy]
package incloud.aws.iam.password_reuse

minimum := 24

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	is_null(a.password_policy)
	msg := sprintf("account %s has no IAM password policy, so users may reuse old passwords", [a.name])
}

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	is_null(a.password_policy.password_reuse_prevention)
	msg := sprintf("account %s's IAM password policy does not prevent password reuse (should remember %d)", [a.name, minimum])
}

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	n := a.password_policy.password_reuse_prevention
	is_number(n)
	n < minimum
	msg := sprintf("account %s's IAM password policy remembers only %d previous passwords (should be %d)", [a.name, n, minimum])
}

pass contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	n := a.password_policy.password_reuse_prevention
	is_number(n)
	n >= minimum
	msg := sprintf("account %s's IAM password policy prevents reuse of the last %d passwords", [a.name, n])
}
