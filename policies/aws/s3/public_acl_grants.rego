# METADATA
# title: S3 bucket ACLs grant nothing to all users or all AWS accounts
# description: >-
#   No bucket ACL grants a permission to the AllUsers (anyone on the internet) or
#   AuthenticatedUsers (anyone with any AWS account) group, unless Block Public Access
#   ignore_public_acls is on for the bucket or the account, which makes S3 ignore such grants.
# scope: package
# custom:
#   id: aws-s3-public-acl-grants
#   severity: critical
#   area: data-protection
#   resource_type: aws_s3_bucket
#   service_model: paas
#   frameworks: {}
#   remediation: >-
#     Remove the grants to "Everyone (public access)" and "Authenticated users group" (S3 console >
#     bucket > Permissions > Access control list > Edit), or disable ACLs altogether with
#     aws s3api put-bucket-ownership-controls --bucket NAME
#     --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]; then turn on Block
#     Public Access (aws s3api put-public-access-block) so that such grants are ignored.
#   rationale: >-
#     AWS runs S3 (a managed, PaaS service) and enforces whatever ACL the bucket carries, but the
#     grants in that ACL are written by the customer. A grant to AllUsers or AuthenticatedUsers
#     hands the customer's data to anyone on the internet; deciding who may read the customer's
#     data is the customer's part of the shared-responsibility model.
#   pass_message: bucket {name} grants nothing to everyone or every AWS account through its ACL, or public ACLs are ignored
#   depends_on: [acl, public_access_block, aws_account.s3_public_access_block]
package incloud.aws.s3.public_acl_grants

import data.incloud.lib.aws.s3 as s3lib

group_prefix := "acs.amazonaws.com/groups/global/"

public_groups := {
	"AllUsers": "everyone (AllUsers)",
	"AuthenticatedUsers": "every AWS account (AuthenticatedUsers)",
}

# public_group(uri) names the public group a grantee URI stands for (http or https scheme).
public_group(uri) := public_groups[name] if {
	is_string(uri)
	some scheme in ["http://", "https://"]
	startswith(uri, concat("", [scheme, group_prefix]))
	name := substring(uri, count(scheme) + count(group_prefix), -1)
}

# With ignore_public_acls on for the bucket or the account, S3 ignores public grants.
acls_ignored(b) if s3lib.setting_on(b.public_access_block, "ignore_public_acls")

acls_ignored(_) if account_ignores

account_ignores if s3lib.setting_on(input.resources.aws_account[0].s3_public_access_block, "ignore_public_acls")

# The account-wide test comes first (evaluated once), then the bucket's grants to public groups
# ("READ to everyone (AllUsers)"), collected inline (no per-bucket helper call, whose result OPA
# would cache per bucket: buckets' ACLs all differ).
deny contains {"resource_id": b.id, "message": msg} if {
	not account_ignores
	some b in input.resources.aws_s3_bucket
	grants := {sprintf("%s to %s", [g.permission, public_group(g.grantee_uri)]) |
		some g in b.acl.grants
		g.grantee_type == "Group"
		public_group(g.grantee_uri)
	}
	count(grants) > 0
	not acls_ignored(b)
	msg := sprintf("bucket %s has an ACL granting %s", [b.name, concat(", ", sort(grants))])
}

# A null ACL was not read: unless public ACLs are ignored anyway, the bucket cannot be judged.
unknown contains {"resource_id": b.id, "message": msg} if {
	not account_ignores
	some b in input.resources.aws_s3_bucket
	is_null(b.acl)
	not acls_ignored(b)
	msg := sprintf("bucket %s: acl is null, with no collection error recorded for it", [b.name])
}
