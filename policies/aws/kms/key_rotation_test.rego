package incloud.aws.kms.key_rotation_test

import data.incloud.aws.kms.key_rotation

key(id, extra) := object.union(
	{
		"id": sprintf("arn:aws:kms:eu-west-1:123456789012:key/%s", [id]),
		"name": sprintf("alias/%s", [id]),
		"region": "eu-west-1",
		"tags": {},
		"key_id": id,
		"key_manager": "CUSTOMER",
		"key_spec": "SYMMETRIC_DEFAULT",
		"key_usage": "ENCRYPT_DECRYPT",
		"key_state": "Enabled",
		"origin": "AWS_KMS",
		"rotation_enabled": true,
	},
	extra,
)

test_pass_rotating if {
	count(key_rotation.deny) == 0 with input as {"resources": {"aws_kms_key": [key("app", {})]}}
}

test_fail_not_rotating if {
	key_rotation.deny == {{
		"resource_id": "arn:aws:kms:eu-west-1:123456789012:key/app",
		"message": "KMS key alias/app is a customer-managed symmetric key with automatic rotation off",
	}} with input as {"resources": {"aws_kms_key": [key("app", {"rotation_enabled": false}), key("ok", {})]}}
}

test_pass_keys_rotation_does_not_apply_to if {
	keys := [
		key("aws", {"key_manager": "AWS", "rotation_enabled": null}),
		key("rsa", {"key_spec": "RSA_2048", "rotation_enabled": null}),
		key("imported", {"origin": "EXTERNAL", "rotation_enabled": false}),
		key("disabled", {"key_state": "Disabled", "rotation_enabled": false}),
		key("deleting", {"key_state": "PendingDeletion", "rotation_enabled": false}),
	]
	count(key_rotation.deny) == 0 with input as {"resources": {"aws_kms_key": keys}}
}

test_null_not_denied if {
	count(key_rotation.deny) == 0 with input as {"resources": {"aws_kms_key": [key("app", {"rotation_enabled": null})]}}
	count(key_rotation.unknown) == 1 with input as {"resources": {"aws_kms_key": [key("app", {"rotation_enabled": null})]}}
	count(key_rotation.unknown) == 0 with input as {"resources": {"aws_kms_key": [key("app", {"rotation_enabled": null, "key_manager": "AWS"})]}}
}
