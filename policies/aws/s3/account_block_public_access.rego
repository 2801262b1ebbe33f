# METADATA
# title: The account blocks S3 public access
# description: >-
#   The account's own S3 Block Public Access (S3 Control, for every bucket of the account) has all
#   four settings on. An account without the setting, or with some of it off, fails.
# scope: package
# custom:
#   id: aws-s3-account-block-public-access
#   severity: high
#   area: data-protection
#   resource_type: aws_account
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["3.1.4"]
#   remediation: >-
#     Turn on all four Block Public Access settings for the account (S3 console > Block Public
#     Access settings for this account > Edit, or aws s3control put-public-access-block
#     --account-id ACCOUNT --public-access-block-configuration
#     BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true).
#   rationale: >-
#     AWS runs S3, but whether any bucket of the account may be opened to the internet is the
#     customer's decision. The account-level setting is the customer's one switch that keeps every
#     present and future bucket from being made public by an ACL or a bucket policy written by
#     mistake; AWS leaves it off unless the customer turns it on.
#   depends_on: [s3_public_access_block]
package incloud.aws.s3.account_block_public_access

import data.incloud.lib.aws.s3 as s3lib

# A null s3_public_access_block is data: the account has none
# (NoSuchPublicAccessBlockConfiguration). When it could not be read, the error entry on the
# attribute makes the result an error before this rule is consulted.
deny contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	not s3lib.pab_all(a.s3_public_access_block)
	msg := sprintf("account %s does not block S3 public access: %s", [a.name, s3lib.describe_pab("the account", a.s3_public_access_block)])
}

pass contains {"resource_id": a.id, "message": msg} if {
	some a in input.resources.aws_account
	s3lib.pab_all(a.s3_public_access_block)
	msg := sprintf("account %s blocks S3 public access for every bucket (all four settings on)", [a.name])
}
