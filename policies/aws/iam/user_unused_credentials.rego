# METADATA
# title: IAM user credentials unused for 45 days are disabled
# description: No IAM user has a console password, or an Active access key, that has gone unused for 45 days or more. A credential never used counts from when it was created (for a password, when it was last set, else when the user was created). Inactive keys are ignored.
# scope: package
# custom:
#   id: aws-iam-user-unused-credentials
#   severity: medium
#   area: user-access-management
#   resource_type: aws_iam_user
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.11"]
#   remediation: For a stale password, remove console access in the IAM console (Users > user > Security credentials > Console sign-in > Manage > Disable) or with `aws iam delete-login-profile --user-name NAME`. For a stale key, deactivate it with `aws iam update-access-key --user-name NAME --access-key-id KEY --status Inactive`, and delete it once nothing breaks. Review the IAM credential report regularly (`aws iam generate-credential-report`).
#   rationale: AWS tracks when each credential was last used, but deciding which credentials should still exist is the customer's job. Passwords and keys of people who left or of retired automation stay valid until someone removes them, and an unused credential that is compromised is unlikely to be noticed. Removing stale credentials is part of the customer's responsibility for its own identities.
#   pass_message: IAM user {name} has no enabled credentials unused for 45 days or more
#   depends_on: [password_enabled, password_last_used, password_last_changed, create_date, access_keys]
package incloud.aws.iam.user_unused_credentials

import data.incloud.lib.time as timelib

# days of non-use after which a credential fails.
days := 45

# cutoff_ns is the latest time (ns) a credential may have been used, or set, and still fail:
# days_since(ts) >= days exactly when ts is at or before it. It is computed once, so that passing
# credentials cost one timestamp parse and a comparison; only failing ones get their age in days.
cutoff_ns := timelib.now_ns - (days * timelib.day_ns)

stale(ts) if time.parse_rfc3339_ns(ts) <= cutoff_ns

password_reason(u) := sprintf("console password last used %d days ago (%s)", [timelib.days_since(ts), ts]) if {
	ts := u.password_last_used
	is_string(ts)
	stale(ts)
}

password_reason(u) := sprintf("console password never used, set %d days ago (%s)", [timelib.days_since(ts), ts]) if {
	is_null(u.password_last_used)
	ts := password_set(u)
	is_string(ts)
	stale(ts)
}

# password_set(u) is when the password was last set, else when the user was created.
password_set(u) := u.password_last_changed if is_string(u.password_last_changed)

else := u.create_date

key_reason(k) := sprintf("access key %s last used %d days ago (%s)", [k.access_key_id, timelib.days_since(ts), ts]) if {
	ts := k.last_used_date
	is_string(ts)
	stale(ts)
}

key_reason(k) := sprintf("access key %s never used, created %d days ago (%s)", [k.access_key_id, timelib.days_since(ts), ts]) if {
	is_null(k.last_used_date)
	ts := k.create_date
	is_string(ts)
	stale(ts)
}

# The reasons are collected inline for each user (the password's, then each active access key's,
# in the keys' order): no per-user helper calls, whose results OPA would cache per user for nothing.
deny contains {"resource_id": u.id, "message": msg} if {
	some u in input.resources.aws_iam_user
	reasons := array.concat(
		[r | u.password_enabled == true; r := password_reason(u)],
		[r | is_array(u.access_keys); some k in u.access_keys; k.status == "Active"; r := key_reason(k)],
	)
	count(reasons) > 0
	msg := sprintf("IAM user %s has credentials unused for %d days or more: %s", [u.name, days, concat(", ", reasons)])
}
