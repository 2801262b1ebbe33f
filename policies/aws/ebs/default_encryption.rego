# METADATA
# title: EBS encryption by default is on in every region
# description: >-
#   Every region the account uses encrypts new EBS volumes (and the snapshots taken from them) by
#   default. A region the account has not opted in to passes with a result saying that it is not
#   enabled for the account.
# scope: package
# custom:
#   id: aws-ebs-default-encryption
#   severity: medium
#   area: data-protection
#   resource_type: aws_region
#   service_model: iaas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["6.1.1"]
#   remediation: >-
#     In each region: EC2 console > Dashboard > Account attributes > Data protection and security >
#     EBS encryption > Manage > "Always encrypt new EBS volumes", or
#     aws ec2 enable-ebs-encryption-by-default --region REGION (optionally choose the key with
#     aws ec2 modify-ebs-default-kms-key-id). Existing unencrypted volumes must be copied to
#     encrypted ones (snapshot, copy-snapshot --encrypted, create-volume).
#   rationale: >-
#     EBS volumes are infrastructure (IaaS) block storage: AWS runs the storage hardware, but the
#     volumes belong to the customer's instances and hold the customer's data, and AWS encrypts
#     them only if the customer asks for it per volume or per region. Encryption by default makes
#     protecting the customer's data at rest independent of every launch being configured right.
#   depends_on: [opt_in_status, ebs_encryption_by_default]
package incloud.aws.ebs.default_encryption

import data.incloud.lib.aws.regions

deny contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.aws_region
	regions.enabled(r)
	r.ebs_encryption_by_default == false
	msg := sprintf("region %s does not encrypt new EBS volumes by default", [r.name])
}

unknown contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.aws_region
	msg := regions.unread(r, "ebs_encryption_by_default")
}

pass contains p if some p in regions.not_enabled_passes

pass contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.aws_region
	regions.enabled(r)
	r.ebs_encryption_by_default == true
	msg := sprintf("region %s encrypts new EBS volumes by default%s", [r.name, key_text(r.ebs_default_kms_key_id)])
}

key_text(key) := sprintf(" with KMS key %s", [key]) if is_string(key)

else := ""
