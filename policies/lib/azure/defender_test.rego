package incloud.lib.azure.defender_test

import data.incloud.lib.azure.defender

sub := {"defender_plans": [
	{"name": "VirtualMachines", "pricing_tier": "Standard", "sub_plan": "P2", "extensions": [{"name": "AgentlessVmScanning", "is_enabled": true}, {"name": "FileIntegrityMonitoring", "is_enabled": false}]},
	{"name": "KeyVaults", "pricing_tier": "Free", "sub_plan": null, "extensions": []},
]}

test_plans if {
	defender.plan_on(sub, "VirtualMachines")
	not defender.plan_on(sub, "KeyVaults")
	not defender.plan_on(sub, "Dns")
	defender.extension_on(sub, "VirtualMachines", "AgentlessVmScanning")
	not defender.extension_on(sub, "VirtualMachines", "FileIntegrityMonitoring")
}
