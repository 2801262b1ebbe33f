# METADATA
# title: The IAM password policy requires at least 14 characters
# description: The account has an IAM password policy and its minimum_password_length is 14 or more. An account without a password policy fails.
# scope: package
# custom:
#   id: aws-iam-password-min-length
#   severity: medium
#   area: user-access-management
#   resource_type: aws_account
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.7"]
#   remediation: In the IAM console open Account settings > Password policy > Edit and set the minimum length to 14 or more, or run `aws iam update-account-password-policy --minimum-password-length 14` (repeat your other settings in the same call, because it replaces the whole policy).
#   rationale: AWS stores and verifies IAM user passwords, but how strong they must be is a setting only the customer controls. Without a policy IAM accepts short passwords that fall to guessing and credential-stuffing attacks. Setting the account's password rules is part of the customer's responsibility for the identities it creates.
#   depends_on: [password_policy]
package incloud.aws.iam.password_min_length

minimum := 14

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	is_null(a.password_policy)
	msg := sprintf("account %s has no IAM password policy, so passwords need not be %d characters long", [a.name, minimum])
}

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	length := a.password_policy.minimum_password_length
	length < minimum
	msg := sprintf("account %s's IAM password policy allows passwords of %d characters (minimum should be %d)", [a.name, length, minimum])
}

pass contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	length := a.password_policy.minimum_password_length
	length >= minimum
	msg := sprintf("account %s's IAM password policy requires passwords of at least %d characters", [a.name, length])
}
