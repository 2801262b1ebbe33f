package incloud.azure.storage.public_network_access_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.storage.public_network_access

test_fail if {
	ids := {d.resource_id | some d in public_network_access.deny} with input as fixtures.input_for("azure-demo", "azure_storage_account", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/acmeprodexports", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/acmeprodexports"}
}

test_fail_message if {
	some d in public_network_access.deny with input as fixtures.input_for("azure-demo", "azure_storage_account", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/acmeprodexports", [])
	contains(d.message, "acmeprodexports")
}

test_pass if {
	count(public_network_access.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_storage_account", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts/acmewebassets", [])
}
