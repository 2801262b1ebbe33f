package incloud.lib.gcp.iam_test

import data.incloud.lib.gcp.iam

policy := {"bindings": [
	{"role": "roles/viewer", "members": ["allUsers", "user:a@example.com"], "condition": null},
	{"role": "roles/storage.admin", "members": ["user:a@example.com"], "condition": {"title": "t", "expression": "true"}},
]}

test_public_grants if {
	iam.public_grants(policy) == {"allUsers roles/viewer"}
}

test_no_public_grants if {
	count(iam.public_grants({"bindings": [{"role": "roles/viewer", "members": ["user:a@example.com"]}]})) == 0
}

test_roles_of_counts_conditional_bindings if {
	iam.roles_of(policy)["user:a@example.com"] == {"roles/viewer", "roles/storage.admin"}
}

test_admin_roles if {
	iam.admin_role("roles/owner")
	iam.admin_role("roles/editor")
	iam.admin_role("roles/iam.serviceAccountAdmin")
	iam.admin_role("projects/p/roles/NetworkAdmin")
	not iam.admin_role("roles/viewer")
	not iam.admin_role("roles/iam.serviceAccountUser")
}

test_member_kinds if {
	iam.service_account_member("serviceAccount:x@p.iam.gserviceaccount.com")
	iam.user_member("user:a@example.com")
	iam.user_member("group:g@example.com")
	not iam.user_member("serviceAccount:x@p.iam.gserviceaccount.com")
	not iam.user_member("allUsers")
}
