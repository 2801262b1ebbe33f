# METADATA
# title: IAM user access keys are rotated every 90 days
# description: No IAM user has an Active access key created 90 or more days before the snapshot. Inactive keys are ignored.
# scope: package
# custom:
#   id: aws-iam-user-key-rotation
#   severity: medium
#   area: user-access-management
#   resource_type: aws_iam_user
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.13"]
#   remediation: Create a new key (`aws iam create-access-key --user-name NAME`), update every application or profile that uses the old key, check with `aws iam get-access-key-last-used` that the old key is no longer used, then deactivate it (`aws iam update-access-key --status Inactive`) and delete it. Better still, replace long-lived keys with IAM roles or IAM Identity Center short-term credentials.
#   rationale: AWS never rotates an IAM user's access keys on the customer's behalf; the keys are the customer's long-lived secrets. The longer a key lives, the more copies of it exist in scripts, CI systems and laptops, and the longer a leaked copy stays useful. Rotating keys regularly is the customer's part of managing the credentials it issues.
#   pass_message: IAM user {name} has no Active access key older than 90 days
#   depends_on: [access_keys]
package incloud.aws.iam.user_key_rotation

import data.incloud.lib.time as timelib

# max_age is the age in days at which an Active key fails.
max_age := 90

# cutoff_ns is the latest creation time (ns) of a key that fails: days_since(ts) >= max_age exactly
# when ts is at or before it. It is computed once, so that a key costs one timestamp parse and a
# comparison; only old keys get their age in days, for the message.
cutoff_ns := timelib.now_ns - (max_age * timelib.day_ns)

# Each user's old keys are collected inline, in the keys' order (no per-user helper call, whose
# result OPA would cache per user: users' keys are all different).
deny contains {"resource_id": u.id, "message": msg} if {
	some u in input.resources.aws_iam_user
	old := [sprintf("%s created %d days ago (%s)", [k.access_key_id, timelib.days_since(k.create_date), k.create_date]) |
		is_array(u.access_keys)
		some k in u.access_keys
		k.status == "Active"
		is_string(k.create_date)
		time.parse_rfc3339_ns(k.create_date) <= cutoff_ns
	]
	count(old) > 0
	msg := sprintf("IAM user %s has Active access keys not rotated for %d days or more: %s", [u.name, max_age, concat(", ", old)])
}
