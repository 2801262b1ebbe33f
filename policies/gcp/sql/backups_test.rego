package incloud.gcp.sql.backups_test

import data.incloud.gcp.sql.backups as check

inst(type, backups) := {"resources": {"gcp_sql_instance": [{"id": "i", "name": "db", "instance_type": type, "backup_enabled": backups}]}}

test_fails_without_backups if {
	check.deny == {{"resource_id": "i", "message": "Cloud SQL instance db has no automated backups"}} with input as inst("CLOUD_SQL_INSTANCE", false)
}

test_passes_with_backups_and_for_replicas if {
	count(check.deny) == 0 with input as inst("CLOUD_SQL_INSTANCE", true)
	count(check.deny) == 0 with input as inst("READ_REPLICA_INSTANCE", false)
}
