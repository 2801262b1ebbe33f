# METADATA
# title: S3 bucket policies do not make buckets public
# description: >-
#   No bucket has a bucket policy that S3 evaluates as public (GetBucketPolicyStatus IsPublic),
#   unless Block Public Access restrict_public_buckets is on for the bucket or the account, which
#   limits such a policy to AWS services and the bucket owner's own account.
# scope: package
# custom:
#   id: aws-s3-public-policy
#   severity: critical
#   area: data-protection
#   resource_type: aws_s3_bucket
#   service_model: paas
#   frameworks: {}
#   remediation: >-
#     Edit the bucket policy (S3 console > bucket > Permissions > Bucket policy, or
#     aws s3api put-bucket-policy) so that no Allow statement has Principal "*" or {"AWS": "*"}
#     without a condition restricting it to known accounts, VPCs or organisations (aws:PrincipalOrgID,
#     aws:SourceVpce, aws:SourceAccount); IAM Access Analyzer shows which statement is public. Then
#     turn on Block Public Access (aws s3api put-public-access-block) to stop public policies.
#   rationale: >-
#     AWS runs S3 (a managed, PaaS service) and enforces the bucket policy as written, but the
#     policy itself is the customer's configuration. A public policy exposes the customer's data to
#     anyone on the internet; controlling access to the customer's data is the customer's part of
#     the shared-responsibility model.
#   pass_message: bucket {name} has no public bucket policy, or public policies are restricted
#   depends_on: [policy_is_public, public_access_block, aws_account.s3_public_access_block]
package incloud.aws.s3.public_policy

import data.incloud.lib.aws.s3 as s3lib

# With restrict_public_buckets on for the bucket or the account, only AWS service principals and
# users of the bucket owner's account can use a public policy.
restricted(b) if s3lib.setting_on(b.public_access_block, "restrict_public_buckets")

restricted(_) if s3lib.setting_on(input.resources.aws_account[0].s3_public_access_block, "restrict_public_buckets")

deny contains {"resource_id": b.id, "message": msg} if {
	some b in input.resources.aws_s3_bucket
	b.policy_is_public == true
	not restricted(b)
	msg := sprintf("bucket %s has a bucket policy that grants public access, and restrict_public_buckets is off for the bucket and the account", [b.name])
}
