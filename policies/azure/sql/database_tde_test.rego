package incloud.azure.sql.database_tde_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.sql.database_tde

test_fail if {
	ids := {d.resource_id | some d in database_tde.deny} with input as fixtures.input_for("azure-demo", "azure_sql_database", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Sql/servers/sql-acme-legacy/databases/crm", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Sql/servers/sql-acme-legacy/databases/crm"}
}

test_fail_message if {
	some d in database_tde.deny with input as fixtures.input_for("azure-demo", "azure_sql_database", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Sql/servers/sql-acme-legacy/databases/crm", [])
	contains(d.message, "sql-acme-legacy/crm")
}

test_pass if {
	count(database_tde.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_sql_database", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-data/providers/Microsoft.Sql/servers/sql-acme-orders/databases/orders", [])
}
