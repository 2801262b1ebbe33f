# Azure Monitor helpers: diagnostic settings and activity log alerts.
package incloud.lib.azure.monitor

# has_destination(s) is true when diagnostic setting s sends its logs somewhere.
has_destination(s) if is_string(s.storage_account_id)

has_destination(s) if is_string(s.workspace_id)

has_destination(s) if is_string(s.event_hub_authorization_rule_id)

# log_enabled(settings, category) is true when a setting with a destination has category (or the
# allLogs group) enabled.
log_enabled(settings, category) if {
	some s in settings
	has_destination(s)
	some l in s.logs
	l.enabled == true
	is_string(l.category)
	lower(l.category) == lower(category)
}

log_enabled(settings, _) if {
	some s in settings
	has_destination(s)
	some l in s.logs
	l.enabled == true
	is_string(l.category_group)
	lower(l.category_group) == "alllogs"
}

# missing_categories(settings, wanted) lists the categories of wanted not enabled.
missing_categories(settings, wanted) := sort([c | some c in wanted; not log_enabled(settings, c)])

# alert_for(alerts, subscription_id, operation) is true when an enabled activity log alert scoped
# to the subscription fires on the Administrative operation.
alert_for(alerts, subscription_id, operation) if {
	some a in alerts
	a.enabled == true
	covers_subscription(a, subscription_id)
	some c in a.conditions
	lower(c.field) == "operationname"
	is_string(c.equals)
	lower(c.equals) == lower(operation)
	not other_category(a)
}

covers_subscription(a, subscription_id) if {
	some s in a.scopes
	lower(trim_suffix(s, "/")) == lower(sprintf("/subscriptions/%s", [subscription_id]))
}

# other_category is true when the alert is limited to a category other than Administrative.
other_category(a) if {
	some c in a.conditions
	lower(c.field) == "category"
	is_string(c.equals)
	lower(c.equals) != "administrative"
}
