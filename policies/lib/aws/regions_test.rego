package incloud.lib.aws.regions_test

import data.incloud.lib.aws.regions

region(name, status) := {"id": sprintf("arn:aws:ec2:%s:111122223333:region/%s", [name, name]), "name": name, "region": name, "tags": {}, "opt_in_status": status, "ebs_encryption_by_default": null}

test_enabled if {
	regions.enabled(region("eu-west-1", "opt-in-not-required"))
	regions.enabled(region("af-south-1", "opted-in"))
	regions.enabled(region("x-1", null))
	not regions.enabled(region("ap-east-1", "not-opted-in"))
}

test_not_enabled_passes if {
	regions.not_enabled_passes == {{"resource_id": "arn:aws:ec2:ap-east-1:111122223333:region/ap-east-1", "message": "region ap-east-1 is not enabled for the account"}} with input as {"resources": {"aws_region": [region("ap-east-1", "not-opted-in"), region("eu-west-1", "opt-in-not-required")]}}
}

test_unread_only_in_enabled_regions if {
	regions.unread(region("eu-west-1", "opted-in"), "ebs_encryption_by_default") == "region eu-west-1: ebs_encryption_by_default is null, with no collection error recorded for it"
	not regions.unread(region("ap-east-1", "not-opted-in"), "ebs_encryption_by_default")
	not regions.unread(object.union(region("eu-west-1", "opted-in"), {"ebs_encryption_by_default": true}), "ebs_encryption_by_default")
}
