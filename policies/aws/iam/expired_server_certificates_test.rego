package incloud.aws.iam.expired_server_certificates_test

import data.incloud.aws.iam.expired_server_certificates

snapshot(certs) := {"collected_at": "2026-06-01T00:00:00Z", "resources": {"aws_iam_server_certificate": certs}}

cert(name, expiration) := {
	"id": sprintf("arn:aws:iam::111122223333:server-certificate/%s", [name]),
	"name": name,
	"expiration": expiration,
}

test_fails_expired if {
	d := expired_server_certificates.deny with input as snapshot([cert("www-2025", "2026-05-01T00:00:00Z"), cert("www-2026", "2027-05-01T00:00:00Z")])
	d == {{
		"resource_id": "arn:aws:iam::111122223333:server-certificate/www-2025",
		"message": "IAM server certificate www-2025 expired on 2026-05-01T00:00:00Z (31 days before collection)",
	}}
}

test_fails_one_second_before if {
	d := expired_server_certificates.deny with input as snapshot([cert("edge", "2026-05-31T23:59:59Z")])
	[x.resource_id | some x in d] == ["arn:aws:iam::111122223333:server-certificate/edge"]
}

test_passes_expiring_at_collection_time if {
	count(expired_server_certificates.deny) == 0 with input as snapshot([cert("edge", "2026-06-01T00:00:00Z")])
}

test_passes_valid if {
	count(expired_server_certificates.deny) == 0 with input as snapshot([cert("www-2026", "2027-05-01T00:00:00Z")])
}
