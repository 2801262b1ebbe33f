package incloud.azure.authorization.custom_owner_roles_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.authorization.custom_owner_roles

test_fail if {
	ids := {d.resource_id | some d in custom_owner_roles.deny} with input as fixtures.input_for("azure-demo", "azure_authorization_role_definition", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/providers/Microsoft.Authorization/roleDefinitions/a1b2c3d4-0000-4000-8000-0000000000f1", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/providers/Microsoft.Authorization/roleDefinitions/a1b2c3d4-0000-4000-8000-0000000000f1"}
}

test_fail_message if {
	some d in custom_owner_roles.deny with input as fixtures.input_for("azure-demo", "azure_authorization_role_definition", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/providers/Microsoft.Authorization/roleDefinitions/a1b2c3d4-0000-4000-8000-0000000000f1", [])
	contains(d.message, "Acme Subscription Owner")
}

test_pass if {
	count(custom_owner_roles.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_authorization_role_definition", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/providers/Microsoft.Authorization/roleDefinitions/a1b2c3d4-0000-4000-8000-0000000000f2", [])
}

role(actions, scopes) := {"id": "r", "name": "r", "region": "global", "tags": {}, "assignable_scopes": scopes, "permissions": [{"actions": actions, "not_actions": [], "data_actions": [], "not_data_actions": []}]}

test_scope_edges if {
	count(custom_owner_roles.deny) == 1 with input as {"resources": {"azure_authorization_role_definition": [role(["*"], ["/"])]}}
	count(custom_owner_roles.deny) == 1 with input as {"resources": {"azure_authorization_role_definition": [role(["*"], ["/subscriptions/S/"])]}}
	count(custom_owner_roles.deny) == 0 with input as {"resources": {"azure_authorization_role_definition": [role(["*"], ["/subscriptions/S/resourceGroups/rg"])]}}
	count(custom_owner_roles.deny) == 0 with input as {"resources": {"azure_authorization_role_definition": [role(["*/read"], ["/"])]}}
}
