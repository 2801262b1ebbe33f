# METADATA
# title: S3 buckets require MFA to delete object versions
# description: >-
#   Every bucket has versioning with MFA delete enabled, so that permanently deleting an object
#   version or changing the versioning state needs the root user's MFA code.
# scope: package
# custom:
#   id: aws-s3-mfa-delete
#   severity: low
#   area: data-protection
#   resource_type: aws_s3_bucket
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["3.1.2"]
#   remediation: >-
#     Signed in with the root user's credentials and MFA device (MFA delete cannot be set from the
#     console), run aws s3api put-bucket-versioning --bucket NAME
#     --versioning-configuration Status=Enabled,MFADelete=Enabled
#     --mfa "arn:aws:iam::ACCOUNT:mfa/root-account-mfa-device CODE".
#   rationale: >-
#     AWS keeps S3 objects durable against hardware failure, but it cannot tell a legitimate
#     deletion from one made with stolen credentials. Whether deleting versions needs a second
#     factor is a setting of the customer's bucket: protecting the customer's data against
#     destructive use of its own credentials is the customer's part for this managed (PaaS) service.
#   pass_message: bucket {name} requires MFA to delete object versions
#   depends_on: [versioning]
package incloud.aws.s3.mfa_delete

# versioning is null when it could not be read: such buckets are undecided (unknown), never passed.
deny contains {"resource_id": b.id, "message": msg} if {
	some b in input.resources.aws_s3_bucket
	detail := versioning_detail(b.versioning)
	msg := sprintf("bucket %s does not require MFA to delete object versions (%s)", [b.name, detail])
}

# versioning_detail(v) describes a versioning configuration without MFA delete: "MFA delete
# disabled, versioning enabled". It depends on the configuration alone, so that OPA's function
# cache shares it between buckets with the same one.
versioning_detail(v) := sprintf("MFA delete %s, versioning %s", [
	state(v.mfa_delete, "never enabled"),
	state(v.status, "never enabled"),
]) if {
	is_object(v)
	is_string(v.mfa_delete)
	v.mfa_delete != "Enabled"
}

state(s, _) := lower(s) if s != ""

state("", never) := never

unknown contains {"resource_id": b.id, "message": msg} if {
	some b in input.resources.aws_s3_bucket
	is_null(b.versioning)
	msg := sprintf("bucket %s: versioning is null, with no collection error recorded for it", [b.name])
}
