package incloud.azure.mysql.tls_version_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.mysql.tls_version

test_fail if {
	ids := {d.resource_id | some d in tls_version.deny} with input as fixtures.input_for("azure-demo-secure", "azure_mysql_flexible_server", "/subscriptions/0b7e6d5c-4a3b-4c2d-9e1f-8a7b6c5d4e3f/resourceGroups/rg-legacy/providers/Microsoft.DBforMySQL/flexibleServers/mysql-contoso-forum", [])
	ids == {"/subscriptions/0b7e6d5c-4a3b-4c2d-9e1f-8a7b6c5d4e3f/resourceGroups/rg-legacy/providers/Microsoft.DBforMySQL/flexibleServers/mysql-contoso-forum"}
}

test_fail_message if {
	some d in tls_version.deny with input as fixtures.input_for("azure-demo-secure", "azure_mysql_flexible_server", "/subscriptions/0b7e6d5c-4a3b-4c2d-9e1f-8a7b6c5d4e3f/resourceGroups/rg-legacy/providers/Microsoft.DBforMySQL/flexibleServers/mysql-contoso-forum", [])
	contains(d.message, "mysql-contoso-forum")
}

test_pass if {
	count(tls_version.deny) == 0 with input as fixtures.input_for("azure-demo-secure", "azure_mysql_flexible_server", "/subscriptions/0b7e6d5c-4a3b-4c2d-9e1f-8a7b6c5d4e3f/resourceGroups/rg-data/providers/Microsoft.DBforMySQL/flexibleServers/mysql-contoso-cms", [])
}

srv(v) := {"id": "m", "name": "m", "region": "westeurope", "tags": {}, "parameters": {"tls_version": v}}

test_tls_lists if {
	count(tls_version.deny) == 0 with input as {"resources": {"azure_mysql_flexible_server": [srv("TLSv1.2")]}}
	count(tls_version.deny) == 0 with input as {"resources": {"azure_mysql_flexible_server": [srv("TLSv1.2, TLSv1.3")]}}
	count(tls_version.deny) == 1 with input as {"resources": {"azure_mysql_flexible_server": [srv("TLSv1,TLSv1.2")]}}
	count(tls_version.deny) == 1 with input as {"resources": {"azure_mysql_flexible_server": [srv("tlsv1.1")]}}
}
