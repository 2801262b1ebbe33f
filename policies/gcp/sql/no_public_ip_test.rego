package incloud.gcp.sql.no_public_ip_test

import data.incloud.gcp.sql.no_public_ip as check

inst(type, public) := {"resources": {"gcp_sql_instance": [{"id": "i", "name": "db", "instance_type": type, "ip_configuration": {"ipv4_enabled": public}}]}}

test_fails_when_public if {
	check.deny == {{"resource_id": "i", "message": "Cloud SQL instance db has a public IP address"}} with input as inst("CLOUD_SQL_INSTANCE", true)
}

test_passes_when_private if {
	count(check.deny) == 0 with input as inst("CLOUD_SQL_INSTANCE", false)
}
