# METADATA
# title: CloudTrail logs are encrypted with a KMS key
# description: Every CloudTrail trail encrypts its log files with a customer-managed KMS key (SSE-KMS).
# scope: package
# custom:
#   id: aws-cloudtrail-kms-encryption
#   severity: medium
#   area: compliance-governance
#   resource_type: aws_cloudtrail_trail
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["4.5"]
#   remediation: Create a symmetric KMS key whose key policy lets cloudtrail.amazonaws.com use it for the trail and lets log readers decrypt, then run `aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn>`.
#   rationale: AWS encrypts the log files at rest with S3-managed keys by default, but those keys decrypt for anyone who can read the bucket. With SSE-KMS the customer's key policy becomes a second, auditable gate on who may read the account's activity record. Choosing the key and deciding who may use it is the customer's part of the shared-responsibility model.
#   pass_message: trail {name} encrypts its log files with a KMS key
#   depends_on: [kms_key_id]
package incloud.aws.cloudtrail.kms_encryption

deny contains {"resource_id": t.id, "message": msg} if {
	some t in input.resources.aws_cloudtrail_trail
	is_null(t.kms_key_id)
	msg := sprintf("trail %s does not encrypt its log files with a KMS key (SSE-KMS)", [t.name])
}
