# METADATA
# title: IAM Access Analyzer is enabled in every region
# description: Every collected region has at least one IAM Access Analyzer with status ACTIVE. A region the account has not opted in to (opt_in_status not-opted-in) passes with a result saying that it is not enabled for the account.
# scope: package
# custom:
#   id: aws-accessanalyzer-enabled
#   severity: medium
#   area: compliance-governance
#   resource_type: aws_region
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["2.19"]
#   remediation: In each region open IAM > Access analyzer > Create analyzer (zone of trust the account, or the organization from the delegated administrator), or run `aws accessanalyzer create-analyzer --analyzer-name account-analyzer --type ACCOUNT --region REGION`. Review its findings regularly.
#   rationale: AWS provides IAM Access Analyzer, but it only runs where the customer turns it on, and acting on its findings is the customer's job. Without it, resource policies that share S3 buckets, KMS keys, roles or other resources with outside accounts or the public go unnoticed. Monitoring the access the customer itself grants is part of the customer's governance under the shared-responsibility model.
#   depends_on: [opt_in_status, access_analyzers]
package incloud.aws.accessanalyzer.enabled

import data.incloud.lib.aws.regions

deny contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.aws_region
	regions.enabled(r)
	analyzers := r.access_analyzers
	is_array(analyzers)
	not any_active(analyzers)
	msg := sprintf("region %s has no ACTIVE IAM Access Analyzer%s", [r.name, inactive_suffix(analyzers)])
}

unknown contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.aws_region
	msg := regions.unread(r, "access_analyzers")
}

pass contains p if some p in regions.not_enabled_passes

pass contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.aws_region
	regions.enabled(r)
	active := sort([a.name | some a in r.access_analyzers; a.status == "ACTIVE"])
	count(active) > 0
	msg := sprintf("region %s has an ACTIVE IAM Access Analyzer: %s", [r.name, concat(", ", active)])
}

any_active(analyzers) if {
	some a in analyzers
	a.status == "ACTIVE"
}

inactive_suffix(analyzers) := "" if count(analyzers) == 0

else := sprintf(" (found %s)", [concat(", ", sort([sprintf("%s: %s", [a.name, a.status]) | some a in analyzers]))])
