# METADATA
# title: A multi-region CloudTrail trail records all management events
# description: At least one CloudTrail trail is multi-region, is logging, and records every management event (read and write), so that API activity in all regions of the account leaves an audit trail.
# scope: package
# custom:
#   id: aws-cloudtrail-multi-region
#   severity: high
#   area: compliance-governance
#   resource_type: aws_account
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["4.1"]
#   remediation: Create or update a trail with `aws cloudtrail create-trail --name <name> --s3-bucket-name <bucket> --is-multi-region-trail` (or `update-trail --is-multi-region-trail`), start it with `aws cloudtrail start-logging --name <name>`, and record all management events with `aws cloudtrail put-event-selectors --trail-name <name> --event-selectors '[{"ReadWriteType":"All","IncludeManagementEvents":true}]'`.
#   rationale: AWS runs CloudTrail and keeps 90 days of management events in Event history, but a durable, account-wide audit trail exists only if the customer creates a trail, makes it cover every region (including ones the customer does not use, where an attacker would hide), keeps it logging and selects all management events. Keeping that evidence of who did what in the account is the customer's part of governance under the shared-responsibility model.
#   depends_on: [aws_cloudtrail_trail.is_multi_region, aws_cloudtrail_trail.is_logging, aws_cloudtrail_trail.event_selectors, aws_cloudtrail_trail.advanced_event_selectors]
package incloud.aws.cloudtrail.multi_region

import data.incloud.lib.aws.cloudtrail

# trails is every trail in the snapshot, empty when there are none.
trails := [t | some t in input.resources.aws_cloudtrail_trail]

trail_text(t) := sprintf("%s: %s", [t.name, concat(", ", sort(cloudtrail.trail_shortcomings(t)))])

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	count(cloudtrail.management_trails) == 0
	count(trails) == 0
	msg := sprintf("account %s has no CloudTrail trail", [a.name])
}

deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	count(cloudtrail.management_trails) == 0
	count(trails) > 0
	msg := sprintf(
		"account %s has no trail that is multi-region, logging and recording all read and write management events (%s)",
		[a.name, concat("; ", sort([trail_text(t) | some t in trails]))],
	)
}

pass contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	names := sort({t.name | some t in cloudtrail.management_trails})
	count(names) > 0
	msg := sprintf("account %s has a multi-region, logging trail recording all read and write management events: %s", [a.name, concat(", ", names)])
}
