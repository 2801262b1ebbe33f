# METADATA
# title: RDS DB instances apply minor engine upgrades automatically
# description: >-
#   Every RDS DB instance has Auto Minor Version Upgrade on, so that minor engine versions with
#   security fixes are applied in its maintenance window.
# scope: package
# custom:
#   id: aws-rds-auto-minor-upgrade
#   severity: low
#   area: application-security
#   resource_type: aws_rds_db_instance
#   service_model: paas
#   frameworks:
#     cis-aws-foundations-v6.0.0: ["3.2.2"]
#   remediation: >-
#     RDS console > Databases > instance > Modify > Maintenance > "Enable auto minor version
#     upgrade", or aws rds modify-db-instance --db-instance-identifier NAME
#     --auto-minor-version-upgrade --apply-immediately.
#   rationale: >-
#     With RDS (PaaS) AWS builds and publishes patched database engine versions and patches the
#     underlying OS, but it upgrades an instance's engine only when the customer allows it: the
#     choice of engine version, and so of running with known vulnerabilities, stays with the
#     customer, who owns the configuration of the database its application uses.
#   pass_message: DB instance {name} applies minor engine upgrades automatically
#   depends_on: [auto_minor_version_upgrade, engine, engine_version]
package incloud.aws.rds.auto_minor_upgrade

deny contains {"resource_id": db.id, "message": msg} if {
	some db in input.resources.aws_rds_db_instance
	db.auto_minor_version_upgrade == false
	msg := sprintf("DB instance %s (%s %s) does not apply minor engine upgrades automatically", [db.name, db.engine, db.engine_version])
}
