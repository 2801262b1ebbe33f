# METADATA
# title: User-managed service account keys are at most 90 days old
# description: Every enabled user-managed key of a service account was created less than 90 days before the snapshot.
# scope: package
# custom:
#   id: gcp-iam-sa-key-rotation
#   severity: medium
#   area: user-access-management
#   resource_type: gcp_iam_service_account
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["1.7"]
#   remediation: Create a new key, switch the workload to it, then delete the old one (`gcloud iam service-accounts keys create` / `keys delete KEY_ID --iam-account=EMAIL`); better, replace keys with attached service accounts or workload identity federation.
#   rationale: 'Google runs Cloud IAM and enforces whatever policy it holds, but who is granted what in the customer''s projects is configured by the customer alone: Google never rotates a key the customer created and downloaded; the longer it lives, the more copies of it exist in laptops, CI systems and backups. Rotating customer-held credentials is the customer''s duty.'
#   pass_message: service account {name} has no enabled user-managed key older than 90 days
#   depends_on: [keys]
package incloud.gcp.iam.sa_key_rotation

import data.incloud.lib.time

deny contains {"resource_id": sa.id, "message": msg} if {
	some sa in input.resources.gcp_iam_service_account
	old := {sprintf("%s (%d days)", [k.key_id, time.days_since(k.valid_after_time)]) |
		some k in sa.keys
		k.key_type == "USER_MANAGED"
		not k.disabled
		time.older_than(k.valid_after_time, 90)
	}
	count(old) > 0
	msg := sprintf("service account %s has user-managed keys older than 90 days: %s", [sa.email, concat(", ", sort(old))])
}
