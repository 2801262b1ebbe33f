# Log-based metrics and alert policies for the CIS GCP 2.4-2.11 monitoring checks.
#
# A change type is monitored when an enabled log-based metric's filter contains every term of
# the CIS filter for it (whitespace is ignored; a filter with NOT is never accepted, since it may
# exclude what the terms select) and an enabled alert policy with at least one notification
# channel has a condition on that metric (metric.type="logging.googleapis.com/user/<metric>").
package incloud.lib.gcp.monitoring

# cis_terms are the terms of the CIS v3.0.0 filters, whitespace removed.
cis_terms := {
	"project_ownership": [
		`protoPayload.serviceName="cloudresourcemanager.googleapis.com"`,
		`ProjectOwnership`,
		`projectOwnerInvitee`,
		`protoPayload.serviceData.policyDelta.bindingDeltas.action="REMOVE"`,
		`protoPayload.serviceData.policyDelta.bindingDeltas.action="ADD"`,
		`protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner"`,
	],
	"audit_config": [
		`protoPayload.methodName="SetIamPolicy"`,
		`protoPayload.serviceData.policyDelta.auditConfigDeltas:*`,
	],
	"custom_role": [
		`resource.type="iam_role"`,
		`protoPayload.methodName="google.iam.admin.v1.CreateRole"`,
		`protoPayload.methodName="google.iam.admin.v1.DeleteRole"`,
		`protoPayload.methodName="google.iam.admin.v1.UpdateRole"`,
	],
	"firewall": [
		`resource.type="gce_firewall_rule"`,
		`protoPayload.methodName:"compute.firewalls.patch"`,
		`protoPayload.methodName:"compute.firewalls.insert"`,
		`protoPayload.methodName:"compute.firewalls.delete"`,
	],
	"route": [
		`resource.type="gce_route"`,
		`protoPayload.methodName:"compute.routes.delete"`,
		`protoPayload.methodName:"compute.routes.insert"`,
	],
	"network": [
		`resource.type="gce_network"`,
		`protoPayload.methodName:"compute.networks.insert"`,
		`protoPayload.methodName:"compute.networks.patch"`,
		`protoPayload.methodName:"compute.networks.delete"`,
		`protoPayload.methodName:"compute.networks.removePeering"`,
		`protoPayload.methodName:"compute.networks.addPeering"`,
	],
	"storage_iam": [
		`resource.type="gcs_bucket"`,
		`protoPayload.methodName="storage.setIamPermissions"`,
	],
	"sql_config": [`protoPayload.methodName="cloudsql.instances.update"`],
}

# compact(s) is s without whitespace.
compact(s) := regex.replace(s, `\s+`, "")

# matches(filter, kind) is true when filter holds every CIS term of kind and no NOT.
matches(filter, kind) if {
	f := compact(filter)
	not regex.match(`(^|[^A-Za-z])NOT([^A-Za-z]|$)`, filter)
	every t in cis_terms[kind] {
		contains(f, t)
	}
}

# metrics(kind) is the set of names of enabled metrics whose filter matches kind.
metrics(kind) := {m.name |
	some m in input.resources.gcp_logging_metric
	not m.disabled
	matches(m.filter, kind)
}

# alerted(metric) is true when an enabled alert policy with a notification channel watches metric.
alerted(metric) if {
	some p in input.resources.gcp_monitoring_alert_policy
	p.enabled
	count(p.notification_channels) > 0
	some f in p.condition_filters
	contains(compact(f), sprintf(`metric.type="logging.googleapis.com/user/%s"`, [metric]))
}

# monitored(kind) is true when some matching metric is alerted on.
monitored(kind) if {
	some m in metrics(kind)
	alerted(m)
}

# gap(kind) explains why kind is not monitored.
gap(kind) := msg if {
	count(metrics(kind)) == 0
	msg := "no enabled log-based metric has the CIS filter for this change type"
} else := msg if {
	not monitored(kind)
	msg := sprintf("log-based metric %s has no enabled alert policy with a notification channel", [concat(", ", sort(metrics(kind)))])
}
