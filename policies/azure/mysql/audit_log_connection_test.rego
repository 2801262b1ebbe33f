package incloud.azure.mysql.audit_log_connection_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.mysql.audit_log_connection

test_fail if {
	ids := {d.resource_id | some d in audit_log_connection.deny} with input as fixtures.input_for("azure-demo-secure", "azure_mysql_flexible_server", "/subscriptions/0b7e6d5c-4a3b-4c2d-9e1f-8a7b6c5d4e3f/resourceGroups/rg-data/providers/Microsoft.DBforMySQL/flexibleServers/mysql-contoso-cms", [])
	ids == {"/subscriptions/0b7e6d5c-4a3b-4c2d-9e1f-8a7b6c5d4e3f/resourceGroups/rg-data/providers/Microsoft.DBforMySQL/flexibleServers/mysql-contoso-cms"}
}

test_fail_message if {
	some d in audit_log_connection.deny with input as fixtures.input_for("azure-demo-secure", "azure_mysql_flexible_server", "/subscriptions/0b7e6d5c-4a3b-4c2d-9e1f-8a7b6c5d4e3f/resourceGroups/rg-data/providers/Microsoft.DBforMySQL/flexibleServers/mysql-contoso-cms", [])
	contains(d.message, "mysql-contoso-cms")
}

test_pass if {
	count(audit_log_connection.deny) == 0 with input as fixtures.input_for("azure-demo-secure", "azure_mysql_flexible_server", "/subscriptions/0b7e6d5c-4a3b-4c2d-9e1f-8a7b6c5d4e3f/resourceGroups/rg-data/providers/Microsoft.DBforMySQL/flexibleServers/mysql-contoso-wiki", [])
}
