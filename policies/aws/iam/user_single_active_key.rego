# METADATA
# title: IAM users have at most one active access key
# description: No IAM user has more than one access key with status Active. Inactive keys are not counted.
# scope: package
# custom:
#   id: aws-iam-user-single-active-key
#   severity: low
#   area: user-access-management
#   resource_type: aws_iam_user
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.12"]
#   remediation: Find which key is in use (`aws iam get-access-key-last-used --access-key-id KEY`), switch every consumer to it, then deactivate the other with `aws iam update-access-key --user-name NAME --access-key-id KEY --status Inactive` and delete it with `aws iam delete-access-key`. During a rotation keep the second key active only until the switch is done.
#   rationale: AWS allows two keys per user so that keys can be rotated, but how many stay active is the customer's choice. A second long-lived active key doubles the secrets that can leak and usually means an old key was never retired after rotation. Keeping one active key per user is part of the customer's management of its own credentials.
#   pass_message: IAM user {name} has at most one Active access key
#   depends_on: [access_keys]
package incloud.aws.iam.user_single_active_key

# Each user's Active keys are collected inline (no per-user helper call, whose result OPA would
# cache per user: users' keys are all different).
deny contains {"resource_id": u.id, "message": msg} if {
	some u in input.resources.aws_iam_user
	active := sort([k.access_key_id | is_array(u.access_keys); some k in u.access_keys; k.status == "Active"])
	count(active) > 1
	msg := sprintf("IAM user %s has %d Active access keys: %s", [u.name, count(active), concat(", ", active)])
}
