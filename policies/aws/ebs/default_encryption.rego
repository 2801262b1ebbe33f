# METADATA
# title: EBS encryption by default is on in every region
# description: >-
#   Every region the account uses encrypts new EBS volumes (and the snapshots taken from them) by
#   default. Regions the account has not opted in to pass.
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

deny contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.aws_region
	r.opt_in_status != "not-opted-in"
	r.ebs_encryption_by_default == false
	msg := sprintf("region %s does not encrypt new EBS volumes by default", [r.name])
}
