package incloud.aws.config.enabled_test

import data.incloud.aws.config.enabled

recorder(overrides) := object.union(
	{"name": "default", "recording": true, "all_supported": true, "include_global_resource_types": true, "last_status": "SUCCESS"},
	overrides,
)

region(name, opt_in, config) := {
	"id": sprintf("arn:aws:ec2:%s:111122223333:region/%s", [name, name]), "name": name, "region": name,
	"tags": {}, "opt_in_status": opt_in, "config": config,
}

config(recorders) := {"recorders": recorders, "delivery_channels": [{"name": "default", "s3_bucket_name": "config-bucket", "sns_topic_arn": null}]}

snapshot(regions) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {"aws_region": regions}}

test_passes_with_full_recorder if {
	count(enabled.deny) == 0 with input as snapshot([
		region("eu-west-1", "opt-in-not-required", config([recorder({})])),
		region("af-south-1", "opted-in", config([recorder({"name": "stopped", "recording": false}), recorder({})])),
	])
}

test_not_opted_in_region_passes if {
	count(enabled.deny) == 0 with input as snapshot([region("ap-east-1", "not-opted-in", config([]))])
}

test_fails_without_recorder if {
	r := region("eu-west-1", "opt-in-not-required", config([]))
	enabled.deny == {{"resource_id": r.id, "message": "region eu-west-1 has no AWS Config configuration recorder"}} with input as snapshot([r])
}

test_fails_with_stopped_recorder if {
	r := region("eu-west-1", "opt-in-not-required", config([recorder({"recording": false})]))
	enabled.deny == {{"resource_id": r.id, "message": "AWS Config does not record all resource types in region eu-west-1: recorder default is stopped"}} with input as snapshot([r])
}

test_fails_with_selected_resource_types if {
	r := region("us-east-1", "opt-in-not-required", config([recorder({"all_supported": false})]))
	enabled.deny == {{"resource_id": r.id, "message": "AWS Config does not record all resource types in region us-east-1: recorder default records only selected resource types"}} with input as snapshot([r])
}

test_undecided_when_config_unreadable if {
	r := region("eu-west-1", "opted-in", null)
	count(enabled.deny) == 0 with input as snapshot([r])
	enabled.unknown == {{"resource_id": r.id, "message": "region eu-west-1: config is null, with no collection error recorded for it"}} with input as snapshot([r])
}

test_pass_messages if {
	full := region("af-south-1", "opted-in", config([recorder({"name": "stopped", "recording": false}), recorder({})]))
	off := region("ap-east-1", "not-opted-in", null)
	enabled.pass == {
		{"resource_id": full.id, "message": "AWS Config records all resource types in region af-south-1 (recorder default)"},
		{"resource_id": off.id, "message": "region ap-east-1 is not enabled for the account"},
	} with input as snapshot([full, off, region("eu-west-1", "opted-in", config([]))])
	count(enabled.unknown) == 0 with input as snapshot([full, off])
}
