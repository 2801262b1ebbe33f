# METADATA
# title: IAM console users did not get access keys they never used
# description: No IAM user with a console password has an Active access key that has never been used (last_used_date null), the sign of keys handed out during initial user setup. Inactive keys are ignored.
# scope: package
# custom:
#   id: aws-iam-user-initial-access-keys
#   severity: low
#   area: user-access-management
#   resource_type: aws_iam_user
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.10"]
#   remediation: Delete the unused key in the IAM console (Users > user > Security credentials > Access keys > Actions > Delete) or with `aws iam delete-access-key --user-name NAME --access-key-id KEY`. Change the user-creation process so that keys are created only when a user asks for programmatic access, and prefer IAM Identity Center or roles over long-lived keys.
#   rationale: AWS issues access keys on request, but whether a human user gets one is the customer's decision. Keys created by default at onboarding and never used are long-lived secrets that nobody needs and nobody watches, so their leak would go unnoticed. Issuing credentials only when needed is the customer's part of managing its own identities.
#   pass_message: IAM user {name} has no console password with never-used Active access keys
#   depends_on: [password_enabled, access_keys]
package incloud.aws.iam.user_initial_access_keys

import data.incloud.lib.aws.iam

deny contains {"resource_id": u.id, "message": msg} if {
	some u in input.resources.aws_iam_user
	u.password_enabled == true
	unused := sort([k.access_key_id |
		some k in iam.active_keys(u)
		is_null(k.last_used_date)
	])
	count(unused) > 0
	msg := sprintf("IAM user %s has a console password and Active access keys that were never used: %s", [u.name, concat(", ", unused)])
}
