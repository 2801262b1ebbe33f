# METADATA
# title: RDS DB snapshots are not public
# description: No manual RDS DB snapshot owned by the account can be restored by every AWS account.
# scope: package
# custom:
#   id: aws-rds-public-snapshot
#   severity: critical
#   area: data-protection
#   resource_type: aws_rds_db_snapshot
#   service_model: paas
#   frameworks: {}
#   remediation: >-
#     RDS console > Snapshots > snapshot > Actions > Share snapshot > DB snapshot visibility
#     "Private", or aws rds modify-db-snapshot-attribute --db-snapshot-identifier NAME
#     --attribute-name restore --values-to-remove all. Share with named accounts instead
#     (--values-to-add ACCOUNT_ID) where sharing is needed.
#   rationale: >-
#     AWS stores RDS snapshots privately unless their owner shares them. Making a snapshot public
#     lets any AWS account restore a full copy of the customer's database; who may restore the
#     customer's data is the customer's decision, and so its part of the shared-responsibility
#     model for this managed (PaaS) service.
#   pass_message: DB snapshot {name} is not public
#   depends_on: [public, db_instance_identifier]
package incloud.aws.rds.public_snapshot

deny contains {"resource_id": s.id, "message": msg} if {
	some s in input.resources.aws_rds_db_snapshot
	s.public == true
	msg := sprintf("DB snapshot %s (of DB instance %s) is public: any AWS account can restore it", [s.name, s.db_instance_identifier])
}

unknown contains {"resource_id": s.id, "message": msg} if {
	some s in input.resources.aws_rds_db_snapshot
	is_null(s.public)
	msg := sprintf("DB snapshot %s: public is null (its restore attribute was not read), with no collection error recorded for it", [s.name])
}
