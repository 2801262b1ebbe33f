# METADATA
# title: RDS DB instances keep automated backups for at least 7 days
# description: >-
#   Every RDS DB instance has automated backups with a retention period of 7 days or more, so that
#   it can be restored to any point in the last week.
# scope: package
# custom:
#   id: aws-rds-backups
#   severity: medium
#   area: data-protection
#   resource_type: aws_rds_db_instance
#   service_model: paas
#   frameworks: {}
#   remediation: >-
#     RDS console > Databases > instance > Modify > Backup > "Backup retention period" of 7 days or
#     more, or aws rds modify-db-instance --db-instance-identifier NAME
#     --backup-retention-period 7 --apply-immediately (turning backups on from 0 causes a brief
#     outage on some engines: choose the maintenance window).
#   rationale: >-
#     AWS takes and stores automated backups of this managed (PaaS) database, but only for as long
#     as the customer configures; with a retention of 0 it takes none. Recovering the customer's
#     data after deletion, corruption or ransomware is the customer's part of the shared-
#     responsibility model, and the retention period is the customer's setting.
#   pass_message: DB instance {name} keeps automated backups for at least 7 days
#   depends_on: [backup_retention_period]
package incloud.aws.rds.backups

min_retention_days := 7

deny contains {"resource_id": db.id, "message": msg} if {
	some db in input.resources.aws_rds_db_instance
	db.backup_retention_period == 0
	msg := sprintf("DB instance %s has automated backups turned off (retention 0 days; at least %d required)", [db.name, min_retention_days])
}

deny contains {"resource_id": db.id, "message": msg} if {
	some db in input.resources.aws_rds_db_instance
	is_number(db.backup_retention_period)
	db.backup_retention_period > 0
	db.backup_retention_period < min_retention_days
	msg := sprintf("DB instance %s keeps automated backups for %s only (at least %d required)", [db.name, days(db.backup_retention_period), min_retention_days])
}

days(1) := "1 day"

days(n) := sprintf("%d days", [n]) if n != 1
