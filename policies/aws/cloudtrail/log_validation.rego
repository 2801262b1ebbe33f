# METADATA
# title: CloudTrail log file validation is enabled
# description: Every CloudTrail trail writes signed digest files so that log files can be shown to be unmodified.
# scope: package
# custom:
#   id: aws-cloudtrail-log-validation
#   severity: medium
#   area: compliance-governance
#   resource_type: aws_cloudtrail_trail
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["4.2"]
#   remediation: Run `aws cloudtrail update-trail --name <trail> --enable-log-file-validation`, then check the digests with `aws cloudtrail validate-logs --trail-arn <trail-arn> --start-time <time>`.
#   rationale: AWS offers log file integrity validation (SHA-256 hashes signed with RSA in hourly digest files), but it is off unless the customer turns it on for each trail. Audit logs kept in the customer's own bucket are only evidence if tampering can be detected, so enabling validation and checking the digests is the customer's responsibility.
#   pass_message: trail {name} has log file validation enabled
#   depends_on: [log_file_validation_enabled]
package incloud.aws.cloudtrail.log_validation

deny contains {"resource_id": t.id, "message": msg} if {
	some t in input.resources.aws_cloudtrail_trail
	t.log_file_validation_enabled == false
	msg := sprintf("trail %s does not have log file validation enabled: changes to its log files would go unnoticed", [t.name])
}
