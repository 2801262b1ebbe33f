package incloud.aws.accessanalyzer.enabled_test

import data.incloud.aws.accessanalyzer.enabled

snapshot(regions) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_region": regions}}

region(name, opt_in, analyzers) := {
	"id": sprintf("arn:aws:ec2:%s:111122223333:region/%s", [name, name]),
	"name": name,
	"region": name,
	"opt_in_status": opt_in,
	"access_analyzers": analyzers,
}

analyzer(name, status) := {
	"arn": sprintf("arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/%s", [name]),
	"name": name,
	"type": "ACCOUNT",
	"status": status,
}

test_fails_without_analyzer if {
	d := enabled.deny with input as snapshot([
		region("eu-west-1", "opt-in-not-required", []),
		region("us-east-1", "opt-in-not-required", [analyzer("main", "ACTIVE")]),
	])
	d == {{"resource_id": "arn:aws:ec2:eu-west-1:111122223333:region/eu-west-1", "message": "region eu-west-1 has no ACTIVE IAM Access Analyzer"}}
}

test_fails_with_only_inactive_analyzers if {
	d := enabled.deny with input as snapshot([region("eu-west-1", "opted-in", [analyzer("old", "DISABLED"), analyzer("new", "CREATING")])])
	d == {{
		"resource_id": "arn:aws:ec2:eu-west-1:111122223333:region/eu-west-1",
		"message": "region eu-west-1 has no ACTIVE IAM Access Analyzer (found new: CREATING, old: DISABLED)",
	}}
}

test_passes_with_active_analyzer if {
	count(enabled.deny) == 0 with input as snapshot([region("eu-west-1", "opt-in-not-required", [analyzer("old", "FAILED"), analyzer("main", "ACTIVE")])])
}

test_not_opted_in_region_passes if {
	count(enabled.deny) == 0 with input as snapshot([region("af-south-1", "not-opted-in", [])])
}

test_unreadable_analyzers_are_not_a_failure if {
	count(enabled.deny) == 0 with input as snapshot([region("eu-west-1", "opt-in-not-required", null)])
}

test_unreadable_analyzers_are_undecided if {
	r := region("eu-west-1", "opt-in-not-required", null)
	enabled.unknown == {{"resource_id": r.id, "message": "region eu-west-1: access_analyzers is null, with no collection error recorded for it"}} with input as snapshot([r])
}

test_pass_messages if {
	active := region("eu-west-1", "opt-in-not-required", [analyzer("old", "FAILED"), analyzer("main", "ACTIVE")])
	off := region("af-south-1", "not-opted-in", null)
	enabled.pass == {
		{"resource_id": active.id, "message": "region eu-west-1 has an ACTIVE IAM Access Analyzer: main"},
		{"resource_id": off.id, "message": "region af-south-1 is not enabled for the account"},
	} with input as snapshot([active, off, region("us-east-1", "opted-in", [])])
	count(enabled.unknown) == 0 with input as snapshot([active, off])
}
