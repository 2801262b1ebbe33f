# METADATA
# title: IAM users with a console password have MFA
# description: Every IAM user that has a console password (password_enabled) also has an MFA device (mfa_active). Users without a password pass.
# scope: package
# custom:
#   id: aws-iam-user-console-mfa
#   severity: high
#   area: user-access-management
#   resource_type: aws_iam_user
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.9"]
#   remediation: In the IAM console open Users, choose the user, Security credentials > Assign MFA device, and register a security key, hardware token or authenticator app (or have the user do it, allowed by a policy such as the documented "manage own MFA" example). With the CLI, `aws iam create-virtual-mfa-device` then `aws iam enable-mfa-device --user-name NAME --serial-number ARN --authentication-code1 ... --authentication-code2 ...`. If the user does not need the console, delete the password with `aws iam delete-login-profile --user-name NAME`.
#   rationale: AWS operates the IAM sign-in service and offers MFA, but which IAM users the customer creates, and whether they must present a second factor, is the customer's configuration. A console password alone can be phished, guessed or reused from another breach. Requiring MFA for the customer's own console users is the customer's side of the shared-responsibility model for identity.
#   pass_message: IAM user {name} has MFA or no console password
#   depends_on: [password_enabled, mfa_active]
package incloud.aws.iam.user_console_mfa

deny contains {"resource_id": u.id, "message": msg} if {
	some u in input.resources.aws_iam_user
	u.password_enabled == true
	u.mfa_active == false
	msg := sprintf("IAM user %s has a console password but no MFA device", [u.name])
}
