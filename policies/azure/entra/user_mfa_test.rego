package incloud.azure.entra.user_mfa_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.entra.user_mfa

test_fail if {
	ids := {d.resource_id | some d in user_mfa.deny} with input as fixtures.input_for("azure-demo-secure", "azure_entra_user", "/tenants/c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8/users/11111111-0000-4000-8000-000000000004", [])
	ids == {"/tenants/c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8/users/11111111-0000-4000-8000-000000000004"}
}

test_fail_message if {
	some d in user_mfa.deny with input as fixtures.input_for("azure-demo-secure", "azure_entra_user", "/tenants/c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8/users/11111111-0000-4000-8000-000000000004", [])
	contains(d.message, "new.hire@contoso.com")
}

test_pass if {
	count(user_mfa.deny) == 0 with input as fixtures.input_for("azure-demo-secure", "azure_entra_user", "/tenants/c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8/users/11111111-0000-4000-8000-000000000001", [])
}
