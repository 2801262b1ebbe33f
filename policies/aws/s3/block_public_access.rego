# METADATA
# title: S3 buckets block public access
# description: >-
#   Every bucket, or the whole account, has all four S3 Block Public Access settings on
#   (block_public_acls, ignore_public_acls, block_public_policy, restrict_public_buckets).
# scope: package
# custom:
#   id: aws-s3-block-public-access
#   severity: high
#   area: data-protection
#   resource_type: aws_s3_bucket
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["3.1.4"]
#   remediation: >-
#     Turn on all four Block Public Access settings for the whole account (S3 console > Block
#     Public Access settings for this account > Edit, or aws s3control put-public-access-block
#     --account-id ACCOUNT --public-access-block-configuration
#     BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true),
#     or for the bucket (S3 console > bucket > Permissions > Block public access, or
#     aws s3api put-public-access-block --bucket NAME with the same configuration).
#   rationale: >-
#     AWS stores the objects and runs S3 (a managed, PaaS service), but who may read them is
#     decided by the ACLs and bucket policies the customer writes. Block Public Access is the
#     customer's safety net against a policy or ACL that accidentally opens the customer's data to
#     the internet; AWS leaves it to the customer to switch on.
#   pass_message: bucket {name} blocks public access (all four settings on, for the bucket or the account)
#   depends_on: [public_access_block, aws_account.s3_public_access_block]
package incloud.aws.s3.block_public_access

import data.incloud.lib.aws.s3 as s3lib

# The account-wide setting overrides every bucket's. A null s3_public_access_block means the
# account has none (NoSuchPublicAccessBlockConfiguration).
account := input.resources.aws_account[0]

account_blocks if s3lib.pab_all(account.s3_public_access_block)

# The account-wide tests come first: they are evaluated once, not once per bucket.
deny contains {"resource_id": b.id, "message": msg} if {
	not account_blocks
	some b in input.resources.aws_s3_bucket
	gap := bucket_gap(b.public_access_block)
	gap != ""
	msg := sprintf("bucket %s does not block public access: %s, and %s", [
		b.name,
		gap,
		s3lib.describe_pab("the account", account.s3_public_access_block),
	])
}

# bucket_gap(pab) says what a bucket's public access block pab is missing, "" when it has all four
# settings on. It is always defined, so that OPA caches it per value: buckets with the same
# settings share one evaluation.
bucket_gap(pab) := "" if s3lib.pab_all(pab)

else := s3lib.describe_pab("the bucket", pab)

no_account if count(object.get(input.resources, "aws_account", [])) == 0

# Without the aws_account resource the account-wide setting, which would override the bucket's,
# is not known.
unknown contains {"resource_id": b.id, "message": msg} if {
	no_account
	some b in input.resources.aws_s3_bucket
	not s3lib.pab_all(b.public_access_block)
	msg := sprintf("bucket %s does not block public access itself, and the snapshot has no aws_account resource to tell whether the account-wide Block Public Access does", [b.name])
}
