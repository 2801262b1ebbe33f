package incloud.azure.compute.managed_disks_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.compute.managed_disks

test_fail if {
	ids := {d.resource_id | some d in managed_disks.deny} with input as fixtures.input_for("azure-demo", "azure_compute_virtual_machine", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Compute/virtualMachines/vm-acme-jump", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Compute/virtualMachines/vm-acme-jump"}
}

test_fail_message if {
	some d in managed_disks.deny with input as fixtures.input_for("azure-demo", "azure_compute_virtual_machine", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Compute/virtualMachines/vm-acme-jump", [])
	contains(d.message, "vm-acme-jump")
}

test_pass if {
	count(managed_disks.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_compute_virtual_machine", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-acme-api-01", [])
}
