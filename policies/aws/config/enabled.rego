# METADATA
# title: AWS Config records all resource types in every region
# description: Every enabled region has an AWS Config configuration recorder that is recording and records all supported resource types. A region the account has not opted in to passes with a result saying that it is not enabled for the account.
# scope: package
# custom:
#   id: aws-config-enabled
#   severity: medium
#   area: compliance-governance
#   resource_type: aws_region
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["4.3"]
#   remediation: In each region, create a recorder for all supported resource types and a delivery channel, then start it - `aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<role-arn> --recording-group allSupported=true,includeGlobalResourceTypes=true`, `aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<bucket>`, `aws configservice start-configuration-recorder --configuration-recorder-name default` - or deploy Config to all regions with a CloudFormation StackSet or AWS Control Tower.
#   rationale: AWS provides AWS Config, but it records nothing until the customer creates and starts a recorder in each region. The history of resource configurations is the evidence auditors ask for and what incident responders use to see what changed; turning it on everywhere and keeping it running is the customer's governance duty under the shared-responsibility model.
#   depends_on: [opt_in_status, config]
package incloud.aws.config.enabled

import data.incloud.lib.aws.regions

# full_recorder(rec): rec is recording every supported resource type.
full_recorder(rec) if {
	rec.recording == true
	rec.all_supported == true
}

recording_everything(r) if {
	some rec in r.config.recorders
	full_recorder(rec)
}

recorder_problem(rec) := sprintf("recorder %s is stopped", [rec.name]) if {
	rec.recording != true
} else := sprintf("recorder %s records only selected resource types", [rec.name])

unknown contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.aws_region
	msg := regions.unread(r, "config")
}

pass contains p if some p in regions.not_enabled_passes

pass contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.aws_region
	regions.enabled(r)
	recorders := sort([rec.name | some rec in r.config.recorders; full_recorder(rec)])
	count(recorders) > 0
	msg := sprintf("AWS Config records all resource types in region %s (recorder %s)", [r.name, concat(", ", recorders)])
}

deny contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.aws_region
	regions.enabled(r)
	not is_null(r.config)
	count(r.config.recorders) == 0
	msg := sprintf("region %s has no AWS Config configuration recorder", [r.name])
}

deny contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.aws_region
	regions.enabled(r)
	count(r.config.recorders) > 0
	not recording_everything(r)
	problems := concat("; ", sort([recorder_problem(rec) | some rec in r.config.recorders]))
	msg := sprintf("AWS Config does not record all resource types in region %s: %s", [r.name, problems])
}
