package incloud.gcp.logging.sink_all_entries_test

import data.incloud.gcp.logging.sink_all_entries as check

snap(sinks) := {"resources": {"gcp_project": [{"id": "p", "project_id": "p1"}], "gcp_logging_sink": sinks}}

test_fails_with_filtered_sinks_only if {
	check.deny == {{"resource_id": "p", "message": "project p1 has no enabled log sink without a filter"}} with input as snap([{"filter": `NOT LOG_ID("x")`, "disabled": false}, {"filter": "", "disabled": true}])
}

test_passes_with_unfiltered_sink if {
	count(check.deny) == 0 with input as snap([{"filter": " ", "disabled": false}])
}
