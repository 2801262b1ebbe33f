# METADATA
# title: Cloud SQL instances have automated backups
# description: Every Cloud SQL instance except read replicas (which cannot have their own) has automated backups enabled.
# scope: package
# custom:
#   id: gcp-sql-backups
#   severity: medium
#   area: data-protection
#   resource_type: gcp_sql_instance
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["6.7"]
#   remediation: '`gcloud sql instances patch INSTANCE --backup-start-time=HH:MM` (and consider `--enable-point-in-time-recovery`).'
#   rationale: 'With Cloud SQL (PaaS) Google patches and runs the database engine, while the customer owns its configuration, network exposure and data: Google takes backups of the instance only when the customer enables them; without them a bad migration, a deletion or ransomware in the database cannot be undone. Availability of its data is the customer''s duty.'
#   pass_message: Cloud SQL instance {name} has automated backups, or is a read replica
#   depends_on: [instance_type, backup_enabled]
package incloud.gcp.sql.backups

deny contains {"resource_id": i.id, "message": msg} if {
	some i in input.resources.gcp_sql_instance
	i.instance_type != "READ_REPLICA_INSTANCE"
	not i.backup_enabled
	msg := sprintf("Cloud SQL instance %s has no automated backups", [i.name])
}
