package incloud.azure.keyvault.private_endpoint_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.keyvault.private_endpoint

test_fail if {
	ids := {d.resource_id | some d in private_endpoint.deny} with input as fixtures.input_for("azure-demo", "azure_keyvault_vault", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.KeyVault/vaults/kv-acme-legacy", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.KeyVault/vaults/kv-acme-legacy"}
}

test_fail_message if {
	some d in private_endpoint.deny with input as fixtures.input_for("azure-demo", "azure_keyvault_vault", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.KeyVault/vaults/kv-acme-legacy", [])
	contains(d.message, "kv-acme-legacy")
}

test_pass if {
	count(private_endpoint.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_keyvault_vault", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/kv-acme-apps", [])
}
