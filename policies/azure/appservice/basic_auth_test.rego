package incloud.azure.appservice.basic_auth_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.appservice.basic_auth

test_fail if {
	ids := {d.resource_id | some d in basic_auth.deny} with input as fixtures.input_for("azure-demo", "azure_appservice_web_app", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Web/sites/func-acme-jobs", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Web/sites/func-acme-jobs"}
}

test_fail_message if {
	some d in basic_auth.deny with input as fixtures.input_for("azure-demo", "azure_appservice_web_app", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Web/sites/func-acme-jobs", [])
	contains(d.message, "func-acme-jobs")
}

test_pass if {
	count(basic_auth.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_appservice_web_app", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Web/sites/app-acme-portal", [])
}
