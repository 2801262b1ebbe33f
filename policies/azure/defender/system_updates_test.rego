package incloud.azure.defender.system_updates_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.defender.system_updates

test_fail if {
	ids := {d.resource_id | some d in system_updates.deny} with input as fixtures.input_for("azure-demo", "azure_compute_virtual_machine", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Compute/virtualMachines/vm-acme-jump", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Compute/virtualMachines/vm-acme-jump"}
}

test_fail_message if {
	some d in system_updates.deny with input as fixtures.input_for("azure-demo", "azure_compute_virtual_machine", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Compute/virtualMachines/vm-acme-jump", [])
	contains(d.message, "vm-acme-jump")
}

test_pass if {
	count(system_updates.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_compute_virtual_machine", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-acme-api-01", [])
}

test_unknown_not_pass if {
	inp := fixtures.input_for("azure-demo", "azure_compute_virtual_machine", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-acme-batch", [])
	count(system_updates.deny) == 0 with input as inp
	{d.resource_id | some d in system_updates.unknown} == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-acme-batch"} with input as inp
}

test_pass_not_unknown if {
	count(system_updates.unknown) == 0 with input as fixtures.input_for("azure-demo", "azure_compute_virtual_machine", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-acme-api-01", [])
}
