package incloud.azure.postgresql.connection_throttling_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.postgresql.connection_throttling

test_fail if {
	ids := {d.resource_id | some d in connection_throttling.deny} with input as fixtures.input_for("azure-demo", "azure_postgresql_flexible_server", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-acme-legacy", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-acme-legacy"}
}

test_fail_message if {
	some d in connection_throttling.deny with input as fixtures.input_for("azure-demo", "azure_postgresql_flexible_server", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-acme-legacy", [])
	contains(d.message, "psql-acme-legacy")
}

test_pass if {
	count(connection_throttling.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_postgresql_flexible_server", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-data/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-acme-catalog", [])
}
