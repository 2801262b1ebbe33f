package incloud.azure.postgresql.single_log_connections_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.postgresql.single_log_connections

test_fail if {
	ids := {d.resource_id | some d in single_log_connections.deny} with input as fixtures.input_for("azure-demo", "azure_postgresql_server", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/servers/psql-acme-legacy-single", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/servers/psql-acme-legacy-single"}
}

test_fail_message if {
	some d in single_log_connections.deny with input as fixtures.input_for("azure-demo", "azure_postgresql_server", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.DBforPostgreSQL/servers/psql-acme-legacy-single", [])
	contains(d.message, "psql-acme-legacy-single has log_connections = off")
}

test_pass if {
	count(single_log_connections.deny) == 0 with input as fixtures.input_for("azure-demo-secure", "azure_postgresql_server", "/subscriptions/0b7e6d5c-4a3b-4c2d-9e1f-8a7b6c5d4e3f/resourceGroups/rg-data/providers/Microsoft.DBforPostgreSQL/servers/psql-contoso-reports", [])
}

test_value_case_insensitive if {
	count(single_log_connections.deny) == 0 with input as {"resources": {"azure_postgresql_server": [{"id": "x", "name": "x", "parameters": {"log_connections": "ON"}}]}}
}
