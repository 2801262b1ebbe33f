package incloud.azure.entra.ca_all_users_mfa_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.entra.ca_all_users_mfa

test_fail if {
	ids := {d.resource_id | some d in ca_all_users_mfa.deny} with input as fixtures.input_for("azure-demo", "azure_tenant", "/tenants/3f8b2c1a-9d4e-4b7f-8a6c-2e1d0f9b8a7c", [])
	ids == {"/tenants/3f8b2c1a-9d4e-4b7f-8a6c-2e1d0f9b8a7c"}
}

test_fail_message if {
	some d in ca_all_users_mfa.deny with input as fixtures.input_for("azure-demo", "azure_tenant", "/tenants/3f8b2c1a-9d4e-4b7f-8a6c-2e1d0f9b8a7c", [])
	count(d.message) > 0
}

test_pass if {
	count(ca_all_users_mfa.deny) == 0 with input as fixtures.input_for("azure-demo-secure", "azure_tenant", "/tenants/c1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8", [])
}

tenant(p) := {"id": "t", "name": "t", "region": "global", "tags": {}, "conditional_access_policies": [p]}

pol(state, users, apps, controls) := {"state": state, "include_users": users, "include_applications": apps, "built_in_controls": controls, "authentication_strength": null}

test_policy_edges if {
	count(ca_all_users_mfa.deny) == 0 with input as {"resources": {"azure_tenant": [tenant(pol("enabled", ["All"], ["All"], ["mfa"]))]}}
	count(ca_all_users_mfa.deny) == 1 with input as {"resources": {"azure_tenant": [tenant(pol("enabledForReportingButNotEnforced", ["All"], ["All"], ["mfa"]))]}}
	count(ca_all_users_mfa.deny) == 1 with input as {"resources": {"azure_tenant": [tenant(pol("enabled", ["u1"], ["All"], ["mfa"]))]}}
	count(ca_all_users_mfa.deny) == 1 with input as {"resources": {"azure_tenant": [tenant(pol("enabled", ["All"], ["Office365"], ["mfa"]))]}}
	count(ca_all_users_mfa.deny) == 1 with input as {"resources": {"azure_tenant": [tenant(pol("enabled", ["All"], ["All"], ["compliantDevice"]))]}}
}
