package incloud.azure.appservice.http_logs_test

import data.incloud.lib.azure.fixtures_test as fixtures
import data.incloud.azure.appservice.http_logs

test_fail if {
	ids := {d.resource_id | some d in http_logs.deny} with input as fixtures.input_for("azure-demo", "azure_appservice_web_app", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Web/sites/app-acme-legacy", [])
	ids == {"/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Web/sites/app-acme-legacy"}
}

test_fail_message if {
	some d in http_logs.deny with input as fixtures.input_for("azure-demo", "azure_appservice_web_app", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-legacy/providers/Microsoft.Web/sites/app-acme-legacy", [])
	contains(d.message, "app-acme-legacy")
}

test_pass if {
	count(http_logs.deny) == 0 with input as fixtures.input_for("azure-demo", "azure_appservice_web_app", "/subscriptions/5a9d2c1e-7b3f-4e8a-9c0d-2f1e3d4c5b6a/resourceGroups/rg-app/providers/Microsoft.Web/sites/app-acme-portal", [])
}
