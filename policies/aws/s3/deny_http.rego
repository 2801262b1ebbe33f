# METADATA
# title: S3 bucket policies deny plain-HTTP requests
# description: >-
#   Every bucket has a bucket policy statement that denies all S3 actions on its objects to every
#   principal when the request does not use TLS (Condition Bool aws:SecureTransport "false").
# scope: package
# custom:
#   id: aws-s3-deny-http
#   severity: medium
#   area: data-protection
#   resource_type: aws_s3_bucket
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["3.1.1"]
#   remediation: >-
#     Add a statement to the bucket policy (S3 console > bucket > Permissions > Bucket policy, or
#     aws s3api put-bucket-policy --bucket NAME --policy file://policy.json) with Effect "Deny",
#     Principal "*", Action "s3:*", Resource ["arn:aws:s3:::NAME", "arn:aws:s3:::NAME/*"] and
#     Condition {"Bool": {"aws:SecureTransport": "false"}}, keeping the existing statements.
#   rationale: >-
#     S3 is a managed (PaaS) service: AWS secures the storage hosts, its network and the HTTPS
#     endpoints it offers, but it still accepts plain HTTP unless the bucket owner forbids it.
#     Protecting the customer's data in transit by requiring TLS is bucket configuration, and so
#     the customer's part of the shared-responsibility model.
#   pass_message: bucket {name} has a bucket policy denying s3:* on its objects over plain HTTP
#   depends_on: [policy]
package incloud.aws.s3.deny_http

import data.incloud.lib.aws.s3 as s3lib

# A null policy means the bucket has no bucket policy (NoSuchBucketPolicy), so nothing denies HTTP.
deny contains {"resource_id": b.id, "message": msg} if {
	some b in input.resources.aws_s3_bucket
	is_null(b.policy)
	msg := sprintf("bucket %s has no bucket policy, so nothing denies requests over plain HTTP (aws:SecureTransport false)", [b.name])
}

deny contains {"resource_id": b.id, "message": msg} if {
	some b in input.resources.aws_s3_bucket
	is_object(b.policy)
	not b.id in https_only
	msg := sprintf("bucket %s has a bucket policy but no statement denying s3:* on its objects to everyone when aws:SecureTransport is false", [b.name])
}

# https_only (a complete rule: computed once, then looked up per bucket) is the set of ids of
# buckets whose policy has a Deny statement denying every S3 action on their objects to everyone
# over plain HTTP (as s3lib.denies_insecure_transport). Only Deny statements, a few per policy,
# get the full test, and each bucket's object ARN is built once.
https_only := {b.id |
	some b in input.resources.aws_s3_bucket
	some stmt in s3lib.as_array(b.policy.Statement) # Statement may be a list or a single object
	stmt.Effect == "Deny"
	denies_all_over_http(object.remove(stmt, ["Resource", "Sid"]))
	object_arn := concat("", [b.id, "/any-object-key"])
	some r in s3lib.as_array(stmt.Resource)
	is_string(r)
	s3lib.arn_matches(r, object_arn)
}

# denies_all_over_http(stmt) judges a Deny statement without its Resource and Sid: everyone, every
# S3 action, only over plain HTTP. Buckets whose statements differ only in those (the usual
# DenyInsecureTransport statement) share one evaluation through OPA's function cache.
denies_all_over_http(stmt) if {
	s3lib.principal_everyone(stmt.Principal)
	s3lib.action_all_s3(stmt)
	s3lib.only_insecure_transport_condition(stmt)
}
