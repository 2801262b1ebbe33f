package incloud.azure.compute.disk_cmk_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.compute.disk_cmk

test_fail if {
	ids := {d.resource_id | some d in disk_cmk.deny} with input as fixtures.input_for("azure-demo", "azure_compute_disk", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Compute/disks/vm-acme-batch_OsDisk_1", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Compute/disks/vm-acme-batch_OsDisk_1"}
}

test_fail_message if {
	some d in disk_cmk.deny with input as fixtures.input_for("azure-demo", "azure_compute_disk", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Compute/disks/vm-acme-batch_OsDisk_1", [])
	contains(d.message, "vm-acme-batch_OsDisk_1")
}

test_pass if {
	count(disk_cmk.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_compute_disk", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Compute/disks/vm-acme-api-01_OsDisk_1", [])
}
