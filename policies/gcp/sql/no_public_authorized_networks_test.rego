package incloud.gcp.sql.no_public_authorized_networks_test

import data.incloud.gcp.sql.no_public_authorized_networks as check

inst(nets) := {"resources": {"gcp_sql_instance": [{"id": "i", "name": "db", "ip_configuration": {"authorized_networks": nets}}]}}

test_fails_for_world if {
	check.deny == {{"resource_id": "i", "message": "Cloud SQL instance db authorizes 0.0.0.0/0 (anywhere)"}} with input as inst([{"name": "anywhere", "value": "0.0.0.0/0"}])
}

test_passes_for_office_range if {
	count(check.deny) == 0 with input as inst([{"name": "office", "value": "203.0.113.0/24"}])
}
