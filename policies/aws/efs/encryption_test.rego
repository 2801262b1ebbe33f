package incloud.aws.efs.encryption_test

import data.incloud.aws.efs.encryption

efs(id, name, encrypted) := {
	"id": sprintf("arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/%s", [id]),
	"name": name,
	"region": "eu-west-1",
	"tags": {},
	"file_system_id": id,
	"encrypted": encrypted,
	"kms_key_id": null,
}

test_pass_encrypted if {
	count(encryption.deny) == 0 with input as {"resources": {"aws_efs_file_system": [efs("fs-1", "fs-1", true)]}}
}

test_fail_unencrypted if {
	encryption.deny == {
		{
			"resource_id": "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-2",
			"message": "EFS file system fs-2 (home) is not encrypted at rest",
		},
		{
			"resource_id": "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-3",
			"message": "EFS file system fs-3 is not encrypted at rest",
		},
	} with input as {"resources": {"aws_efs_file_system": [efs("fs-1", "fs-1", true), efs("fs-2", "home", false), efs("fs-3", "fs-3", false)]}}
}

test_null_not_denied if {
	count(encryption.deny) == 0 with input as {"resources": {"aws_efs_file_system": [efs("fs-1", "fs-1", null)]}}
}
