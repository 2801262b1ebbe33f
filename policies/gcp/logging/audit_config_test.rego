package incloud.gcp.logging.audit_config_test

import data.incloud.gcp.logging.audit_config as check

snap(configs) := {"resources": {"gcp_project": [{"id": "p", "project_id": "p1", "iam_policy": {"bindings": [], "audit_configs": configs}}]}}

cfg(service, types, exempt) := {"service": service, "audit_log_configs": [{"log_type": t, "exempted_members": exempt} | some t in types]}

test_fails_without_audit_config if {
	check.deny == {{"resource_id": "p", "message": "project p1: Data Access audit logs for all services miss DATA_READ, DATA_WRITE"}} with input as snap([])
}

test_fails_for_single_service if {
	count(check.deny) == 1 with input as snap([cfg("storage.googleapis.com", ["DATA_READ", "DATA_WRITE"], [])])
}

test_fails_for_exempted_member if {
	check.deny == {{"resource_id": "p", "message": "project p1: audit logs for allServices exempt user:x@acme.example"}} with input as snap([cfg("allServices", ["ADMIN_READ", "DATA_READ", "DATA_WRITE"], ["user:x@acme.example"])])
}

test_passes_for_all_services if {
	count(check.deny) == 0 with input as snap([cfg("allServices", ["ADMIN_READ", "DATA_READ", "DATA_WRITE"], [])])
}
