package incloud.aws.cloudtrail.bucket_logging_test

import data.incloud.aws.cloudtrail.bucket_logging
import data.incloud.lib.aws.fixtures_test as fx

trail_bucket(logging) := {
	"id": "arn:aws:s3:::trail-bucket", "name": "trail-bucket", "region": "eu-west-1", "tags": {},
	"logging": logging,
}

other_bucket := {"id": "arn:aws:s3:::unrelated", "name": "unrelated", "region": "eu-west-1", "tags": {}, "logging": null}

snapshot(trails, buckets) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {
	"aws_cloudtrail_trail": trails,
	"aws_s3_bucket": buckets,
}}

test_passes_when_bucket_logs if {
	inp := snapshot([fx.trail({})], [trail_bucket({"target_bucket": "access-logs", "target_prefix": "trail/"}), other_bucket])
	count(bucket_logging.deny) == 0 with input as inp
	count(bucket_logging.unknown) == 0 with input as inp
}

test_fails_when_bucket_does_not_log if {
	inp := snapshot([fx.trail({})], [trail_bucket(null), other_bucket])
	bucket_logging.deny == {{
		"resource_id": fx.trail({}).id,
		"message": "trail main delivers to bucket trail-bucket, which has no server access logging",
	}} with input as inp
	count(bucket_logging.unknown) == 0 with input as inp
}

test_unknown_when_bucket_not_in_snapshot if {
	inp := snapshot([fx.trail({})], [other_bucket])
	count(bucket_logging.deny) == 0 with input as inp
	bucket_logging.unknown == {{
		"resource_id": fx.trail({}).id,
		"message": "trail main delivers to bucket trail-bucket, which is not in the snapshot (another account's bucket, or not collected): its access logging cannot be checked",
	}} with input as inp
}

test_unknown_when_no_buckets_collected if {
	count(bucket_logging.unknown) == 1 with input as {"resources": {"aws_cloudtrail_trail": [fx.trail({})]}}
}

test_unknown_when_trail_bucket_null if {
	inp := snapshot([fx.trail({"s3_bucket_name": null})], [other_bucket])
	count(bucket_logging.deny) == 0 with input as inp
	bucket_logging.unknown == {{
		"resource_id": fx.trail({}).id,
		"message": "trail main has no S3 bucket recorded: its bucket's access logging cannot be checked",
	}} with input as inp
}

test_same_named_buckets_are_no_conflict if {
	# Bucket names are unique in S3, but a snapshot with two of one name must evaluate (it used to
	# be an object-key conflict): the trail fails when either has no logging.
	logged := trail_bucket({"target_bucket": "access-logs", "target_prefix": "trail/"})
	copy := object.union(trail_bucket(null), {"id": "arn:aws:s3:::trail-bucket-copy"})
	count(bucket_logging.deny) == 1 with input as snapshot([fx.trail({})], [logged, copy])
	count(bucket_logging.deny) == 0 with input as snapshot([fx.trail({})], [logged, object.union(logged, {"id": "arn:aws:s3:::trail-bucket-copy"})])
}
