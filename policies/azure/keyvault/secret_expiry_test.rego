package incloud.azure.keyvault.secret_expiry_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.keyvault.secret_expiry

test_fail if {
	ids := {d.resource_id | some d in secret_expiry.deny} with input as fixtures.input_for("azure-demo", "azure_keyvault_vault", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/kv-acme-apps", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/kv-acme-apps"}
}

test_fail_message if {
	some d in secret_expiry.deny with input as fixtures.input_for("azure-demo", "azure_keyvault_vault", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.KeyVault/vaults/kv-acme-apps", [])
	contains(d.message, "kv-acme-apps")
}

test_pass if {
	count(secret_expiry.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_keyvault_vault", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-security/providers/Microsoft.KeyVault/vaults/kv-acme-prod", [])
}

vault(secrets) := {"id": "v", "name": "v", "region": "westeurope", "tags": {}, "enable_rbac_authorization": false, "secrets": secrets}

test_secret_edges if {
	count(secret_expiry.deny) == 0 with input as {"resources": {"azure_keyvault_vault": [vault([{"name": "cert", "enabled": true, "expires": null, "managed": true}])]}}
	count(secret_expiry.deny) == 0 with input as {"resources": {"azure_keyvault_vault": [vault([{"name": "off", "enabled": false, "expires": null, "managed": false}])]}}
	count(secret_expiry.deny) == 1 with input as {"resources": {"azure_keyvault_vault": [vault([{"name": "s", "enabled": true, "expires": null, "managed": false}])]}}
}
