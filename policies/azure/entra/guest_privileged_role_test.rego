package incloud.azure.entra.guest_privileged_role_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.entra.guest_privileged_role

test_fail if {
	ids := {d.resource_id | some d in guest_privileged_role.deny} with input as fixtures.input_for("azure-demo", "azure_entra_directory_role", "/tenants/3f8b2c1a-9d4e-4b7f-8a6c-2e1d0f9b8a7c/directoryRoles/62e90394-69f5-4237-9190-012177145e10", [])
	ids == {"/tenants/3f8b2c1a-9d4e-4b7f-8a6c-2e1d0f9b8a7c/directoryRoles/62e90394-69f5-4237-9190-012177145e10"}
}

test_fail_message if {
	some d in guest_privileged_role.deny with input as fixtures.input_for("azure-demo", "azure_entra_directory_role", "/tenants/3f8b2c1a-9d4e-4b7f-8a6c-2e1d0f9b8a7c/directoryRoles/62e90394-69f5-4237-9190-012177145e10", [])
	contains(d.message, "Global Administrator")
}

test_pass if {
	count(guest_privileged_role.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_entra_directory_role", "/tenants/3f8b2c1a-9d4e-4b7f-8a6c-2e1d0f9b8a7c/directoryRoles/4a5d8f65-41da-4de4-8968-e035b65339cf", [])
}
