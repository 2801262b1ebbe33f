package incloud.azure.compute.endpoint_protection_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.compute.endpoint_protection

test_fail if {
	ids := {d.resource_id | some d in endpoint_protection.deny} with input as fixtures.input_for("azure-demo", "azure_compute_virtual_machine", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-acme-batch", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-acme-batch"}
}

test_fail_message if {
	some d in endpoint_protection.deny with input as fixtures.input_for("azure-demo", "azure_compute_virtual_machine", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-acme-batch", [])
	contains(d.message, "vm-acme-batch")
}

test_pass if {
	count(endpoint_protection.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_compute_virtual_machine", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-acme-api-01", [])
}
