package incloud.azure.sql.entra_admin_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.sql.entra_admin

test_fail if {
	ids := {d.resource_id | some d in entra_admin.deny} with input as fixtures.input_for("azure-demo", "azure_sql_server", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Sql/servers/sql-acme-legacy", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Sql/servers/sql-acme-legacy"}
}

test_fail_message if {
	some d in entra_admin.deny with input as fixtures.input_for("azure-demo", "azure_sql_server", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Sql/servers/sql-acme-legacy", [])
	contains(d.message, "sql-acme-legacy")
}

test_pass if {
	count(entra_admin.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_sql_server", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-analytics/providers/Microsoft.Sql/servers/sql-acme-bi", [])
}
