package incloud.azure.mysql.secure_transport_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.mysql.secure_transport

test_fail if {
	ids := {d.resource_id | some d in secure_transport.deny} with input as fixtures.input_for("azure-demo-secure", "azure_mysql_flexible_server", "/subscriptions/0b7e6d5c-4a3b-4c2d-9e1f-8a7b6c5d4e3f/resourceGroups/rg-legacy/providers/Microsoft.DBforMySQL/flexibleServers/mysql-contoso-forum", [])
	ids == {"/subscriptions/0b7e6d5c-4a3b-4c2d-9e1f-8a7b6c5d4e3f/resourceGroups/rg-legacy/providers/Microsoft.DBforMySQL/flexibleServers/mysql-contoso-forum"}
}

test_fail_message if {
	some d in secure_transport.deny with input as fixtures.input_for("azure-demo-secure", "azure_mysql_flexible_server", "/subscriptions/0b7e6d5c-4a3b-4c2d-9e1f-8a7b6c5d4e3f/resourceGroups/rg-legacy/providers/Microsoft.DBforMySQL/flexibleServers/mysql-contoso-forum", [])
	contains(d.message, "mysql-contoso-forum")
}

test_pass if {
	count(secure_transport.deny) == 0 with input as fixtures.input_for("azure-demo-secure", "azure_mysql_flexible_server", "/subscriptions/0b7e6d5c-4a3b-4c2d-9e1f-8a7b6c5d4e3f/resourceGroups/rg-data/providers/Microsoft.DBforMySQL/flexibleServers/mysql-contoso-cms", [])
}
