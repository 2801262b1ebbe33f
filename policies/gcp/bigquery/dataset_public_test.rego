package incloud.gcp.bigquery.dataset_public_test

import data.incloud.gcp.bigquery.dataset_public as check

ds(entries) := {"resources": {"gcp_bigquery_dataset": [{"id": "d", "dataset_id": "reports", "access": entries}]}}

entry(over) := object.union({"role": "READER", "special_group": null, "iam_member": null, "user_by_email": null, "group_by_email": null, "domain": null}, over)

test_fails_for_all_users if {
	check.deny == {{"resource_id": "d", "message": "dataset reports is public: allUsers READER"}} with input as ds([entry({"iam_member": "allUsers"})])
}

test_fails_for_all_authenticated_users if {
	count(check.deny) == 1 with input as ds([entry({"special_group": "allAuthenticatedUsers"})])
}

test_passes_for_private if {
	count(check.deny) == 0 with input as ds([entry({"special_group": "projectReaders"}), entry({"group_by_email": "analysts@acme.example"})])
}
