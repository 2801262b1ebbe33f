package incloud.azure.entra.privileged_user_mfa_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.entra.privileged_user_mfa

test_fail if {
	ids := {d.resource_id | some d in privileged_user_mfa.deny} with input as fixtures.input_for("azure-demo-secure", "azure_entra_user", "/tenants/c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8/users/11111111-0000-4000-8000-000000000002", [])
	ids == {"/tenants/c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8/users/11111111-0000-4000-8000-000000000002"}
}

test_fail_message if {
	some d in privileged_user_mfa.deny with input as fixtures.input_for("azure-demo-secure", "azure_entra_user", "/tenants/c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8/users/11111111-0000-4000-8000-000000000002", [])
	contains(d.message, "breakglass-1@contoso.com")
}

test_pass if {
	count(privileged_user_mfa.deny) == 0 with input as fixtures.input_for("azure-demo-secure", "azure_entra_user", "/tenants/c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8/users/11111111-0000-4000-8000-000000000001", [])
}
