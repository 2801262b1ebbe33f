package incloud.lib.aws.iam_test

import data.incloud.lib.aws.iam

test_as_array if {
	iam.as_array("s3:GetObject") == ["s3:GetObject"]
	iam.as_array(["a", "b"]) == ["a", "b"]
	iam.as_array(null) == []
	iam.as_array({"a": 1}) == []
}

test_statements_object_and_array if {
	iam.statements({"Statement": {"Effect": "Allow"}}) == [{"Effect": "Allow"}]
	iam.statements({"Statement": [{"Effect": "Deny"}, {"Effect": "Allow"}]}) == [{"Effect": "Deny"}, {"Effect": "Allow"}]
	iam.statements({"Version": "2012-10-17"}) == []
	iam.statements(null) == []
}

test_full_admin_string_action if {
	iam.allows_full_admin({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})
}

test_full_admin_action_list if {
	iam.allows_full_admin({"Statement": [
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
		{"Effect": "Allow", "Action": ["ec2:*", "*"], "Resource": ["*"]},
	]})
}

test_full_admin_star_colon_star if {
	iam.allows_full_admin({"Statement": [{"Effect": "Allow", "Action": ["*:*"], "Resource": "*"}]})
}

test_not_full_admin_deny if {
	not iam.allows_full_admin({"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]})
}

test_not_full_admin_not_action if {
	# PowerUserAccess-style: everything except IAM is not "* on *".
	not iam.allows_full_admin({"Statement": [{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}]})
	not iam.allows_full_admin({"Statement": [{"Effect": "Allow", "NotAction": "*", "Resource": "*"}]})
}

test_not_full_admin_scoped_resource if {
	not iam.allows_full_admin({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::logs/*"}]})
	not iam.allows_full_admin({"Statement": [{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::logs/*"}]})
}

test_not_full_admin_service_wildcard if {
	not iam.allows_full_admin({"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})
}

test_not_full_admin_malformed if {
	not iam.allows_full_admin({"Statement": ["junk"]})
	not iam.allows_full_admin({})
	not iam.allows_full_admin(null)
}

test_admin_inline_policy_names if {
	names := iam.admin_inline_policy_names([
		{"policy_name": "zeta", "document": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}},
		{"policy_name": "read", "document": {"Statement": {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}}},
		{"policy_name": "alpha", "document": {"Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}]}},
	])
	names == ["alpha", "zeta"]
	iam.admin_inline_policy_names(null) == []
}

test_active_keys if {
	keys := iam.active_keys({"access_keys": [
		{"access_key_id": "AKIA1", "status": "Active"},
		{"access_key_id": "AKIA2", "status": "Inactive"},
	]})
	[k.access_key_id | some k in keys] == ["AKIA1"]
	iam.active_keys({"access_keys": null}) == []
}

test_entity_arns if {
	e := {
		"users": ["arn:aws:iam::111122223333:user/alice"],
		"groups": [],
		"roles": ["arn:aws:iam::111122223333:role/support"],
	}
	iam.entity_arns(e) == ["arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:role/support"]
	iam.entity_lists_known(e)
	not iam.entity_lists_known({"users": [], "groups": null, "roles": []})
	not iam.entity_lists_known(null)
	iam.entity_arns(null) == []
}
