# METADATA
# title: S3 object-level write events are logged
# description: A logging CloudTrail trail records the S3 data events of write type (PutObject, DeleteObject, ...) for every object of the bucket, through basic or advanced event selectors.
# scope: package
# custom:
#   id: aws-s3-object-write-logging
#   severity: low
#   area: compliance-governance
#   resource_type: aws_s3_bucket
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["4.8"]
#   remediation: Add S3 data events to a multi-region trail, for all buckets or this one - `aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors '[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::<bucket>/"]}]}]'` - or an advanced selector with eventCategory Data, resources.type AWS::S3::Object and readOnly false.
#   rationale: AWS runs S3 and CloudTrail, but object-level API calls are recorded only when the customer adds S3 data events to a trail. Knowing who wrote, overwrote or deleted which object is the customer's evidence for investigating data tampering, and selecting and paying for those events is the customer's governance decision, not the provider's.
#   pass_message: a logging trail records S3 object-level write events for bucket {name}
#   depends_on: [aws_cloudtrail_trail.home_region, aws_cloudtrail_trail.is_multi_region, aws_cloudtrail_trail.is_logging, aws_cloudtrail_trail.event_selectors, aws_cloudtrail_trail.advanced_event_selectors]
package incloud.aws.s3.object_write_logging

import data.incloud.lib.aws.s3_data_events

# The look-ups of s3_data_events.s3_object_logged, inlined on the index (computed once per
# snapshot): a bucket costs three set look-ups and one helper call over the few advanced-selector
# entries with ARN conditions, instead of nested helper calls cached per bucket.
deny contains {"resource_id": b.id, "message": msg} if {
	ix := s3_data_events.s3_write_index
	not ix.everywhere
	some b in input.resources.aws_s3_bucket
	not b.region in ix.regions
	not b.name in ix.names
	not [b.region, b.name] in ix.names_in
	not s3_data_events.arn_records(ix.arn, b.region, b.name)
	msg := sprintf("no logging CloudTrail trail covering region %s records S3 object-level write events (data events) for bucket %s", [b.region, b.name])
}
