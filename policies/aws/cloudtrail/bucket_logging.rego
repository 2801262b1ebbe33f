# METADATA
# title: The CloudTrail bucket has server access logging
# description: The S3 bucket each CloudTrail trail delivers to has S3 server access logging enabled, so that reads and changes of the audit logs are themselves recorded.
# scope: package
# custom:
#   id: aws-cloudtrail-bucket-logging
#   severity: low
#   area: compliance-governance
#   resource_type: aws_cloudtrail_trail
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["4.4"]
#   remediation: Enable server access logging on the trail's bucket, delivering to a separate bucket, with `aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status '{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<prefix>/"}}'`. For a bucket in another account, check it there.
#   rationale: AWS delivers the trail's log files, but who reads, deletes or overwrites them in the customer's bucket is recorded only if the customer turns on server access logging for that bucket. Tracking access to the audit evidence itself is the customer's governance duty, not the provider's.
#   pass_message: trail {name} delivers to a bucket that has server access logging
#   depends_on: [s3_bucket_name, aws_s3_bucket.logging]
package incloud.aws.cloudtrail.bucket_logging

deny contains {"resource_id": t.id, "message": msg} if {
	some t in input.resources.aws_cloudtrail_trail
	t.s3_bucket_name in unlogged_bucket_names
	msg := sprintf("trail %s delivers to bucket %s, which has no server access logging", [t.name, t.s3_bucket_name])
}

unknown contains {"resource_id": t.id, "message": msg} if {
	some t in input.resources.aws_cloudtrail_trail
	is_string(t.s3_bucket_name)
	not t.s3_bucket_name in bucket_names
	msg := sprintf(
		"trail %s delivers to bucket %s, which is not in the snapshot (another account's bucket, or not collected): its access logging cannot be checked",
		[t.name, t.s3_bucket_name],
	)
}

unknown contains {"resource_id": t.id, "message": msg} if {
	some t in input.resources.aws_cloudtrail_trail
	is_null(t.s3_bucket_name)
	msg := sprintf("trail %s has no S3 bucket recorded: its bucket's access logging cannot be checked", [t.name])
}

# bucket_names and unlogged_bucket_names are the names of the snapshot's buckets and of those
# without server access logging, built once per snapshot, so each trail costs two set look-ups.
# (S3 bucket names are globally unique; should two buckets share one, the trail fails when either
# has no logging.)
bucket_names := {b.name | some b in input.resources.aws_s3_bucket}

unlogged_bucket_names := {b.name | some b in input.resources.aws_s3_bucket; is_null(b.logging)}
