package incloud.aws.securityhub.enabled_test

import data.incloud.aws.securityhub.enabled

region(name, opt_in, hub) := {
	"id": sprintf("arn:aws:ec2:%s:111122223333:region/%s", [name, name]), "name": name, "region": name,
	"tags": {}, "opt_in_status": opt_in, "security_hub": hub,
}

on := {"enabled": true, "hub_arn": "arn:aws:securityhub:eu-west-1:111122223333:hub/default", "subscribed_at": "2026-01-02T03:04:05Z"}

off := {"enabled": false, "hub_arn": null, "subscribed_at": null}

snapshot(regions) := {"collected_at": "2026-11-20T06:00:00Z", "resources": {"aws_region": regions}}

test_passes_when_enabled if {
	count(enabled.deny) == 0 with input as snapshot([region("eu-west-1", "opt-in-not-required", on)])
}

test_not_opted_in_region_passes if {
	count(enabled.deny) == 0 with input as snapshot([region("me-south-1", "not-opted-in", off)])
}

test_fails_when_disabled if {
	r := region("eu-west-1", "opt-in-not-required", off)
	enabled.deny == {{"resource_id": r.id, "message": "Security Hub is not enabled in region eu-west-1"}} with input as snapshot([r, region("us-east-1", "opt-in-not-required", on)])
}

test_fails_in_opted_in_region if {
	r := region("af-south-1", "opted-in", off)
	count(enabled.deny) == 1 with input as snapshot([r])
}

test_unreadable_status_is_not_a_pass if {
	r := region("eu-west-1", "opt-in-not-required", null)
	count(enabled.deny) == 0 with input as snapshot([r])
	enabled.unknown == {{"resource_id": r.id, "message": "region eu-west-1: security_hub is null, with no collection error recorded for it"}} with input as snapshot([r])
	count(enabled.pass) == 0 with input as snapshot([r])
}

test_pass_messages if {
	on_r := region("eu-west-1", "opt-in-not-required", on)
	off_r := region("me-south-1", "not-opted-in", null)
	enabled.pass == {
		{"resource_id": on_r.id, "message": "Security Hub is enabled in region eu-west-1 (since 2026-01-02T03:04:05Z)"},
		{"resource_id": off_r.id, "message": "region me-south-1 is not enabled for the account"},
	} with input as snapshot([on_r, off_r, region("us-east-1", "opt-in-not-required", off)])
	count(enabled.unknown) == 0 with input as snapshot([on_r, off_r])
}
