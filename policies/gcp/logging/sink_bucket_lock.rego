# METADATA
# title: Storage buckets that receive exported logs have a locked retention policy
# description: A sink that exports to Cloud Storage writes to a bucket with a locked retention policy (Bucket Lock), so exported logs cannot be deleted or shortened. Sinks to other destinations pass; a destination bucket outside the snapshot cannot be judged (error).
# scope: package
# custom:
#   id: gcp-logging-sink-bucket-lock
#   severity: medium
#   area: compliance-governance
#   resource_type: gcp_logging_sink
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["2.3"]
#   remediation: 'Set and lock a retention policy on the destination bucket: `gcloud storage buckets update gs://BUCKET --retention-period=365d` then `gcloud storage buckets update gs://BUCKET --lock-retention-period` (locking cannot be undone).'
#   rationale: 'Google records and stores the logs, but which logs are written, where they are kept and who is alerted is configured by the customer: Cloud Storage enforces a retention lock only when the customer sets one on the bucket; without it, anyone with delete rights (including an attacker covering tracks) can remove the exported logs. Protecting the integrity of its audit trail is the customer''s duty.'
#   pass_message: sink {name} exports to a bucket with a locked retention policy, or not to Cloud Storage
#   depends_on: [destination, gcp_storage_bucket.retention_policy]
package incloud.gcp.logging.sink_bucket_lock

bucket_of(s) := substring(s.destination, count(prefix), -1) if startswith(s.destination, prefix)

prefix := "storage.googleapis.com/"

buckets := {b.name: b | some b in input.resources.gcp_storage_bucket}

deny contains {"resource_id": s.id, "message": msg} if {
	some s in input.resources.gcp_logging_sink
	b := buckets[bucket_of(s)]
	is_null(b.retention_policy)
	msg := sprintf("sink %s exports to bucket %s, which has no retention policy", [s.name, b.name])
}

deny contains {"resource_id": s.id, "message": msg} if {
	some s in input.resources.gcp_logging_sink
	b := buckets[bucket_of(s)]
	not is_null(b.retention_policy)
	not b.retention_policy.is_locked
	msg := sprintf("sink %s exports to bucket %s, whose retention policy is not locked", [s.name, b.name])
}

unknown contains {"resource_id": s.id, "message": msg} if {
	some s in input.resources.gcp_logging_sink
	name := bucket_of(s)
	not buckets[name]
	msg := sprintf("sink %s exports to bucket %s, which is not in the snapshot (another project?)", [s.name, name])
}
