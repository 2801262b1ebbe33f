package incloud.gcp.sql.ssl_required_test

import data.incloud.gcp.sql.ssl_required as check

inst(mode, require) := {"resources": {"gcp_sql_instance": [{"id": "i", "name": "db", "ip_configuration": {"ssl_mode": mode, "require_ssl": require}}]}}

test_fails_when_unencrypted_allowed if {
	check.deny == {{"resource_id": "i", "message": "Cloud SQL instance db accepts unencrypted connections (ssl_mode ALLOW_UNENCRYPTED_AND_ENCRYPTED, require_ssl false)"}} with input as inst("ALLOW_UNENCRYPTED_AND_ENCRYPTED", false)
}

test_fails_without_settings if {
	count(check.deny) == 1 with input as inst(null, false)
}

test_passes_when_required if {
	count(check.deny) == 0 with input as inst("ENCRYPTED_ONLY", false)
	count(check.deny) == 0 with input as inst("TRUSTED_CLIENT_CERTIFICATE_REQUIRED", true)
	count(check.deny) == 0 with input as inst(null, true)
}
