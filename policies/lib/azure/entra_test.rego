package incloud.lib.azure.entra_test

import data.incloud.lib.azure.entra

policy(state, controls, strength) := {"state": state, "built_in_controls": controls, "authentication_strength": strength}

test_requires_mfa if {
	entra.requires_mfa(policy("enabled", ["mfa"], null))
	entra.requires_mfa(policy("enabled", [], "Phishing-resistant MFA"))
	not entra.requires_mfa(policy("enabled", ["compliantDevice"], null))
}

test_mfa_policies if {
	count(entra.mfa_policies([policy("enabled", ["mfa"], null), policy("enabledForReportingButNotEnforced", ["mfa"], null), policy("disabled", ["mfa"], null)])) == 1
}
