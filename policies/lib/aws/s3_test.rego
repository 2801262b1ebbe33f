package incloud.lib.aws.s3_test

import data.incloud.lib.aws.s3

all_on := {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}

test_pab_all if s3.pab_all(all_on)

test_pab_one_off if {
	pab := object.union(all_on, {"restrict_public_buckets": false})
	not s3.pab_all(pab)
	s3.pab_off(pab) == ["restrict_public_buckets"]
	s3.describe_pab("the bucket", pab) == "the bucket leaves restrict_public_buckets off"
}

test_pab_null if {
	not s3.pab_all(null)
	count(s3.pab_off(null)) == 4
	s3.describe_pab("the account", null) == "the account has no public access block"
}

arn := "arn:aws:s3:::data"

base_statement := {
	"Effect": "Deny",
	"Principal": "*",
	"Action": "s3:*",
	"Resource": ["arn:aws:s3:::data", "arn:aws:s3:::data/*"],
	"Condition": {"Bool": {"aws:SecureTransport": "false"}},
}

# https_only(extra) is the CIS statement with the top-level fields of extra replaced (not merged).
https_only(extra) := object.union(object.remove(base_statement, object.keys(extra)), extra)

test_deny_http_string_false if s3.denies_insecure_transport({"Statement": [https_only({})]}, arn)

test_deny_http_boolean_false if {
	s3.denies_insecure_transport({"Statement": [https_only({"Condition": {"Bool": {"aws:SecureTransport": false}}})]}, arn)
}

test_deny_http_array_value if {
	s3.denies_insecure_transport({"Statement": [https_only({"Condition": {"Bool": {"aws:SecureTransport": ["false"]}}})]}, arn)
	s3.denies_insecure_transport({"Statement": [https_only({"Condition": {"Bool": {"aws:securetransport": [false]}}})]}, arn)
}

test_deny_http_single_statement_object if s3.denies_insecure_transport({"Statement": https_only({})}, arn)

test_deny_http_principal_forms if {
	s3.denies_insecure_transport({"Statement": [https_only({"Principal": {"AWS": "*"}})]}, arn)
	s3.denies_insecure_transport({"Statement": [https_only({"Principal": {"AWS": ["*"]}})]}, arn)
	not s3.denies_insecure_transport({"Statement": [https_only({"Principal": {"AWS": "arn:aws:iam::123456789012:root"}})]}, arn)
}

test_deny_http_action_forms if {
	s3.denies_insecure_transport({"Statement": [https_only({"Action": "*"})]}, arn)
	s3.denies_insecure_transport({"Statement": [https_only({"Action": ["s3:GetObject", "s3:*"]})]}, arn)
	not s3.denies_insecure_transport({"Statement": [https_only({"Action": "s3:GetObject"})]}, arn)
}

test_deny_http_mixed_values if {
	s3.denies_insecure_transport({"Statement": [https_only({"Condition": {"BoolIfExists": {"aws:SecureTransport": ["true", "false"]}}})]}, arn)
}

test_deny_http_wrong_value_or_effect if {
	not s3.denies_insecure_transport({"Statement": [https_only({"Condition": {"Bool": {"aws:SecureTransport": "true"}}})]}, arn)
	not s3.denies_insecure_transport({"Statement": [https_only({"Effect": "Allow"})]}, arn)
}

test_deny_http_extra_condition_narrows if {
	cond := {"Bool": {"aws:SecureTransport": "false"}, "StringEquals": {"aws:SourceVpc": "vpc-1"}}
	not s3.denies_insecure_transport({"Statement": [https_only({"Condition": cond})]}, arn)
}

test_deny_http_resources if {
	s3.denies_insecure_transport({"Statement": [https_only({"Resource": "arn:aws:s3:::data/*"})]}, arn)
	s3.denies_insecure_transport({"Statement": [https_only({"Resource": "*"})]}, arn)
	not s3.denies_insecure_transport({"Statement": [https_only({"Resource": "arn:aws:s3:::data"})]}, arn)
	not s3.denies_insecure_transport({"Statement": [https_only({"Resource": "arn:aws:s3:::data/public/*"})]}, arn)
	not s3.denies_insecure_transport({"Statement": [https_only({"Resource": "arn:aws:s3:::other/*"})]}, arn)
}

test_null_policy if not s3.denies_insecure_transport(null, arn)

# "*" crosses dots and slashes, as in IAM: bucket names may contain dots.
test_deny_http_dotted_bucket if {
	dotted := "arn:aws:s3:::www.example.com"
	s3.denies_insecure_transport({"Statement": [https_only({"Resource": "*"})]}, dotted)
	s3.denies_insecure_transport({"Statement": [https_only({"Resource": "arn:aws:s3:::*"})]}, dotted)
	s3.denies_insecure_transport({"Statement": [https_only({"Resource": "arn:aws:s3:::www.example.com/*"})]}, dotted)
	s3.denies_insecure_transport({"Statement": [https_only({"Resource": "arn:aws:s3:::www.*.com/*"})]}, dotted)
	s3.denies_insecure_transport({"Statement": [https_only({"Resource": "arn:aws:s3:::www.example.co?/*"})]}, dotted)
	not s3.denies_insecure_transport({"Statement": [https_only({"Resource": "arn:aws:s3:::www.*.org/*"})]}, dotted)
}

test_arn_matches if {
	s3.arn_matches("arn:aws:s3:::a/b", "arn:aws:s3:::a/b")
	s3.arn_matches("arn:aws:s3:::a*", "arn:aws:s3:::a.b/c")
	s3.arn_matches("arn:aws:s3:::a?c/*", "arn:aws:s3:::abc/x")
	not s3.arn_matches("arn:aws:s3:::a?c/*", "arn:aws:s3:::ac/x")
	s3.arn_matches("arn:aws:s3:::[x]*", "arn:aws:s3:::[x]y")
	not s3.arn_matches("arn:aws:s3:::b*", "arn:aws:s3:::a")
}
