# METADATA
# title: RDS DB instances encrypt their storage
# description: Every RDS DB instance has storage encryption at rest enabled (StorageEncrypted).
# scope: package
# custom:
#   id: aws-rds-encryption
#   severity: high
#   area: data-protection
#   resource_type: aws_rds_db_instance
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["3.2.1"]
#   remediation: >-
#     Encryption cannot be switched on for an existing instance. Take a snapshot
#     (aws rds create-db-snapshot), copy it with encryption
#     (aws rds copy-db-snapshot --kms-key-id KEY ...), restore a new instance from the encrypted
#     copy (aws rds restore-db-instance-from-db-snapshot), move clients to it and delete the old
#     instance. New instances: tick "Enable encryption" in the console or pass --storage-encrypted.
#   rationale: >-
#     RDS is a managed (PaaS) database: AWS runs the hosts, the storage and the database engine,
#     and offers encryption at rest, but whether an instance's storage, backups and snapshots are
#     encrypted is chosen by the customer when the instance is created. Protecting the customer's
#     data at rest is the customer's part of the shared-responsibility model.
#   pass_message: DB instance {name} encrypts its storage at rest
#   depends_on: [storage_encrypted, engine]
package incloud.aws.rds.encryption

deny contains {"resource_id": db.id, "message": msg} if {
	some db in input.resources.aws_rds_db_instance
	db.storage_encrypted == false
	msg := sprintf("DB instance %s (%s) does not encrypt its storage at rest", [db.name, db.engine])
}
