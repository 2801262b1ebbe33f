# METADATA
# title: Service accounts have only Google-managed keys
# description: A service account has no user-managed (downloadable) keys; workloads use attached service accounts, workload identity federation or short-lived tokens instead.
# scope: package
# custom:
#   id: gcp-iam-sa-user-managed-keys
#   severity: medium
#   area: user-access-management
#   resource_type: gcp_iam_service_account
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["1.4"]
#   remediation: 'Move the workload to an attached service account, Workload Identity or workload identity federation, then delete the keys: `gcloud iam service-accounts keys delete KEY_ID --iam-account=EMAIL`. The organization policy `iam.disableServiceAccountKeyCreation` prevents new ones.'
#   rationale: 'Google runs Cloud IAM and enforces whatever policy it holds, but who is granted what in the customer''s projects is configured by the customer alone: Google rotates the keys it manages and never exposes their private part, but a user-managed key is a long-lived secret that the customer downloaded and must store, rotate and revoke itself; anyone who copies it can act as the service account. Whether such keys exist is the customer''s decision.'
#   pass_message: service account {name} has no user-managed keys
#   depends_on: [keys]
package incloud.gcp.iam.sa_user_managed_keys

deny contains {"resource_id": sa.id, "message": msg} if {
	some sa in input.resources.gcp_iam_service_account
	ids := {k.key_id | some k in sa.keys; k.key_type == "USER_MANAGED"}
	count(ids) > 0
	msg := sprintf("service account %s has %d user-managed key(s): %s", [sa.email, count(ids), concat(", ", sort(ids))])
}
