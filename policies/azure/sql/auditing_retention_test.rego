package incloud.azure.sql.auditing_retention_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.sql.auditing_retention

test_fail if {
	ids := {d.resource_id | some d in auditing_retention.deny} with input as fixtures.input_for("azure-demo", "azure_sql_server", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-analytics/providers/Microsoft.Sql/servers/sql-acme-bi", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-analytics/providers/Microsoft.Sql/servers/sql-acme-bi"}
}

test_fail_message if {
	some d in auditing_retention.deny with input as fixtures.input_for("azure-demo", "azure_sql_server", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-analytics/providers/Microsoft.Sql/servers/sql-acme-bi", [])
	contains(d.message, "sql-acme-bi")
}

test_pass if {
	count(auditing_retention.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_sql_server", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-data/providers/Microsoft.Sql/servers/sql-acme-orders", [])
}

srv(state, days) := {"id": "s", "name": "s", "region": "westeurope", "tags": {}, "auditing": {"state": state, "retention_days": days}}

test_retention_edges if {
	count(auditing_retention.deny) == 0 with input as {"resources": {"azure_sql_server": [srv("Enabled", 0)]}}
	count(auditing_retention.deny) == 0 with input as {"resources": {"azure_sql_server": [srv("Enabled", 91)]}}
	count(auditing_retention.deny) == 1 with input as {"resources": {"azure_sql_server": [srv("Enabled", 90)]}}
	count(auditing_retention.deny) == 1 with input as {"resources": {"azure_sql_server": [srv("Disabled", 0)]}}
}
