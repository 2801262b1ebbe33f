# METADATA
# title: RDS DB instances are deployed across availability zones
# description: >-
#   Every RDS DB instance is a Multi-AZ deployment with a standby in another availability zone.
#   Aurora instances report Multi-AZ on their cluster, which the snapshot does not hold: they are
#   reported as errors (undecidable), not as passes or failures.
# scope: package
# custom:
#   id: aws-rds-multi-az
#   severity: low
#   area: data-protection
#   resource_type: aws_rds_db_instance
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["3.2.4"]
#   remediation: >-
#     RDS console > Databases > instance > Modify > Availability & durability > "Create a standby
#     instance", or aws rds modify-db-instance --db-instance-identifier NAME --multi-az
#     --apply-immediately (the conversion runs online; expect higher I/O latency while it lasts).
#   rationale: >-
#     AWS operates the availability zones and, for a Multi-AZ deployment, the synchronous standby
#     and the automatic failover of this managed (PaaS) database. Whether an instance has a standby
#     at all is the customer's choice: the availability of the customer's data when one zone fails
#     is the customer's part of the shared-responsibility model.
#   pass_message: DB instance {name} is Multi-AZ (or an Aurora instance, whose storage spans zones)
#   depends_on: [multi_az, engine]
package incloud.aws.rds.multi_az

aurora(db) if startswith(db.engine, "aurora")

deny contains {"resource_id": db.id, "message": msg} if {
	some db in input.resources.aws_rds_db_instance
	db.multi_az == false
	not aurora(db)
	msg := sprintf("DB instance %s (%s) runs in a single availability zone, with no Multi-AZ standby", [db.name, db.engine])
}

unknown contains {"resource_id": db.id, "message": msg} if {
	some db in input.resources.aws_rds_db_instance
	aurora(db)
	msg := sprintf("DB instance %s is an Aurora instance (%s): availability across zones is a property of its DB cluster, which the snapshot does not record", [db.name, db.engine])
}
