package incloud.azure.cosmosdb.network_restriction_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.cosmosdb.network_restriction

test_fail if {
	ids := {d.resource_id | some d in network_restriction.deny} with input as fixtures.input_for("azure-demo", "azure_cosmosdb_account", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-acme-sessions", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-acme-sessions"}
}

test_fail_message if {
	some d in network_restriction.deny with input as fixtures.input_for("azure-demo", "azure_cosmosdb_account", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-acme-sessions", [])
	contains(d.message, "cosmos-acme-sessions")
}

test_pass if {
	count(network_restriction.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_cosmosdb_account", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-acme-cache", [])
}
