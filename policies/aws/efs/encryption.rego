# METADATA
# title: EFS file systems are encrypted at rest
# description: Every EFS file system has encryption at rest enabled.
# scope: package
# custom:
#   id: aws-efs-encryption
#   severity: medium
#   area: data-protection
#   resource_type: aws_efs_file_system
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["3.3.1"]
#   remediation: >-
#     Encryption at rest can only be chosen when a file system is created: create a new file
#     system with encryption (EFS console > Create file system > Customize > "Enable encryption of
#     data at rest", or aws efs create-file-system --encrypted [--kms-key-id KEY]), copy the data
#     across (AWS DataSync or rsync from a client mounting both), point the mounts at the new file
#     system and delete the old one.
#   rationale: >-
#     EFS is a managed (PaaS) file service: AWS runs the storage servers and offers encryption at
#     rest with KMS keys, but a file system is encrypted only if the customer chose so when
#     creating it. Protecting the customer's data at rest is the customer's part of the
#     shared-responsibility model.
#   pass_message: EFS file system {name} is encrypted at rest
#   depends_on: [encrypted, file_system_id]
package incloud.aws.efs.encryption

deny contains {"resource_id": fs.id, "message": msg} if {
	some fs in input.resources.aws_efs_file_system
	fs.encrypted == false
	msg := sprintf("EFS file system %s is not encrypted at rest", [label(fs)])
}

label(fs) := fs.file_system_id if fs.name == fs.file_system_id

label(fs) := sprintf("%s (%s)", [fs.file_system_id, fs.name]) if fs.name != fs.file_system_id
