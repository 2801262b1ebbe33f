package incloud.azure.network.watcher_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.network.watcher

test_fail if {
	ids := {d.resource_id | some d in watcher.deny} with input as fixtures.input_for("azure-demo", "azure_region", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/locations/northeurope", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/locations/northeurope"}
}

test_fail_message if {
	some d in watcher.deny with input as fixtures.input_for("azure-demo", "azure_region", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/locations/northeurope", [])
	contains(d.message, "northeurope")
}

test_pass if {
	count(watcher.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_region", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/locations/eastus", [])
}
