package incloud.aws.s3.public_acl_grants_test

import data.incloud.aws.s3.public_acl_grants

owner_grant := {"grantee_type": "CanonicalUser", "grantee_id": "abc123", "grantee_uri": null, "permission": "FULL_CONTROL"}

group_grant(group, permission) := {
	"grantee_type": "Group",
	"grantee_id": null,
	"grantee_uri": sprintf("http://acs.amazonaws.com/groups/global/%s", [group]),
	"permission": permission,
}

snapshot(grants, bucket_pab, account_pab) := {"resources": {
	"aws_account": [{"id": "arn:aws:iam::123456789012:root", "name": "123456789012", "region": "global", "tags": {}, "s3_public_access_block": account_pab}],
	"aws_s3_bucket": [{
		"id": "arn:aws:s3:::data",
		"name": "data",
		"region": "eu-west-1",
		"tags": {},
		"acl": {"owner_id": "abc123", "grants": grants},
		"public_access_block": bucket_pab,
	}],
}}

test_pass_private_acl if {
	count(public_acl_grants.deny) == 0 with input as snapshot([owner_grant], null, null)
}

test_pass_log_delivery_group if {
	grant := object.union(group_grant("AllUsers", "WRITE"), {"grantee_uri": "http://acs.amazonaws.com/groups/s3/LogDelivery"})
	count(public_acl_grants.deny) == 0 with input as snapshot([owner_grant, grant], null, null)
}

test_fail_all_users if {
	public_acl_grants.deny == {{
		"resource_id": "arn:aws:s3:::data",
		"message": "bucket data has an ACL granting READ to everyone (AllUsers)",
	}} with input as snapshot([owner_grant, group_grant("AllUsers", "READ")], null, null)
}

test_fail_authenticated_users_and_all_users if {
	grants := [owner_grant, group_grant("AuthenticatedUsers", "WRITE"), group_grant("AllUsers", "READ_ACP")]
	public_acl_grants.deny == {{
		"resource_id": "arn:aws:s3:::data",
		"message": "bucket data has an ACL granting READ_ACP to everyone (AllUsers), WRITE to every AWS account (AuthenticatedUsers)",
	}} with input as snapshot(grants, null, null)
}

test_pass_ignored_by_bucket_block if {
	count(public_acl_grants.deny) == 0 with input as snapshot([group_grant("AllUsers", "READ")], {"ignore_public_acls": true}, null)
}

test_pass_ignored_by_account_block if {
	count(public_acl_grants.deny) == 0 with input as snapshot([group_grant("AllUsers", "READ")], null, {"ignore_public_acls": true})
}

test_fail_block_without_ignore if {
	count(public_acl_grants.deny) == 1 with input as snapshot([group_grant("AllUsers", "READ")], {"block_public_acls": true, "ignore_public_acls": false}, null)
}

test_null_acl_not_denied if {
	inp := {"resources": {"aws_s3_bucket": [{"id": "arn:aws:s3:::data", "name": "data", "region": "eu-west-1", "tags": {}, "acl": null, "public_access_block": null}]}}
	count(public_acl_grants.deny) == 0 with input as inp
	public_acl_grants.unknown == {{"resource_id": "arn:aws:s3:::data", "message": "bucket data: acl is null, with no collection error recorded for it"}} with input as inp
	ignoring := {"resources": {"aws_s3_bucket": [object.union(inp.resources.aws_s3_bucket[0], {"public_access_block": {"block_public_acls": false, "ignore_public_acls": true, "block_public_policy": false, "restrict_public_buckets": false}})]}}
	count(public_acl_grants.unknown) == 0 with input as ignoring
}
