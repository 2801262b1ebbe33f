package incloud.azure.compute.disk_public_access_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.compute.disk_public_access

test_fail if {
	ids := {d.resource_id | some d in disk_public_access.deny} with input as fixtures.input_for("azure-demo", "azure_compute_disk", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Compute/disks/restore-2026-03-temp", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Compute/disks/restore-2026-03-temp"}
}

test_fail_message if {
	some d in disk_public_access.deny with input as fixtures.input_for("azure-demo", "azure_compute_disk", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Compute/disks/restore-2026-03-temp", [])
	contains(d.message, "restore-2026-03-temp")
}

test_pass if {
	count(disk_public_access.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_compute_disk", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Compute/disks/vm-acme-api-01_OsDisk_1", [])
}
