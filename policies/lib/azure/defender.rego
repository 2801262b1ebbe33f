# Microsoft Defender for Cloud helpers.
package incloud.lib.azure.defender

# plan_on(sub, name) is true when the subscription's Defender plan name is on (Standard tier).
plan_on(sub, name) if {
	some p in sub.defender_plans
	lower(p.name) == lower(name)
	p.pricing_tier == "Standard"
}

# extension_on(sub, plan, extension) is true when plan is on with extension enabled.
extension_on(sub, plan, extension) if {
	plan_on(sub, plan)
	some p in sub.defender_plans
	lower(p.name) == lower(plan)
	some e in p.extensions
	lower(e.name) == lower(extension)
	e.is_enabled == true
}

# setting_on(sub, name) is true when the Defender for Cloud integration setting name is enabled.
setting_on(sub, name) if {
	some s in sub.security_settings
	s.name == name
	s.enabled == true
}
