package incloud.azure.storage.sas_expiry_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.storage.sas_expiry

test_fail if {
	ids := {d.resource_id | some d in sas_expiry.deny} with input as fixtures.input_for("azure-demo", "azure_storage_account", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/acmeprodexports", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/acmeprodexports"}
}

test_fail_message if {
	some d in sas_expiry.deny with input as fixtures.input_for("azure-demo", "azure_storage_account", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/acmeprodexports", [])
	contains(d.message, "acmeprodexports")
}

test_pass if {
	count(sas_expiry.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_storage_account", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Storage/storageAccounts/acmewebassets", [])
}

acct(p) := {"id": "a", "name": "a", "region": "westeurope", "tags": {}, "sas_expiration_period": p}

test_sas_periods if {
	count(sas_expiry.deny) == 0 with input as {"resources": {"azure_storage_account": [acct("0.01:00:00")]}}
	count(sas_expiry.deny) == 0 with input as {"resources": {"azure_storage_account": [acct("00:30:00")]}}
	count(sas_expiry.deny) == 1 with input as {"resources": {"azure_storage_account": [acct("0.01:00:01")]}}
	count(sas_expiry.deny) == 1 with input as {"resources": {"azure_storage_account": [acct("1.00:00:00")]}}
	count(sas_expiry.deny) == 1 with input as {"resources": {"azure_storage_account": [acct(null)]}}
	count(sas_expiry.deny) == 1 with input as {"resources": {"azure_storage_account": [acct("garbage")]}}
}
