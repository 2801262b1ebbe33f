package incloud.azure.storage.key_regeneration_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.storage.key_regeneration

test_fail if {
	ids := {d.resource_id | some d in key_regeneration.deny} with input as fixtures.input_for("azure-demo", "azure_storage_account", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/acmeprodexports", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/acmeprodexports"}
}

test_fail_message if {
	some d in key_regeneration.deny with input as fixtures.input_for("azure-demo", "azure_storage_account", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/acmeprodexports", [])
	contains(d.message, "acmeprodexports")
}

test_pass if {
	count(key_regeneration.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_storage_account", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts/acmewebassets", [])
}

test_unknown_not_pass if {
	inp := fixtures.input_for("azure-demo", "azure_storage_account", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Storage/storageAccounts/acmelegacyfiles", [])
	count(key_regeneration.deny) == 0 with input as inp
	{d.resource_id | some d in key_regeneration.unknown} == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Storage/storageAccounts/acmelegacyfiles"} with input as inp
}

test_pass_not_unknown if {
	count(key_regeneration.unknown) == 0 with input as fixtures.input_for("azure-demo", "azure_storage_account", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts/acmewebassets", [])
}

acct(shared, k1, k2) := {"id": "a", "name": "a", "region": "westeurope", "tags": {}, "allow_shared_key_access": shared, "key_creation_times": {"key1": k1, "key2": k2}}

test_key_age_edges if {
	at := "2026-11-20T06:00:00Z"
	count(key_regeneration.deny) == 0 with input as {"collected_at": at, "resources": {"azure_storage_account": [acct(true, "2026-08-23T06:00:01Z", "2026-11-01T00:00:00Z")]}}
	count(key_regeneration.deny) == 1 with input as {"collected_at": at, "resources": {"azure_storage_account": [acct(true, "2026-08-22T06:00:00Z", "2026-11-01T00:00:00Z")]}}
	count(key_regeneration.deny) == 0 with input as {"collected_at": at, "resources": {"azure_storage_account": [acct(false, "2020-01-01T00:00:00Z", null)]}}
	count(key_regeneration.unknown) == 0 with input as {"collected_at": at, "resources": {"azure_storage_account": [acct(false, null, null)]}}
	count(key_regeneration.unknown) == 1 with input as {"collected_at": at, "resources": {"azure_storage_account": [acct(true, "2026-11-01T00:00:00Z", null)]}}
}
