# METADATA
# title: VPC firewall rule changes are monitored
# description: An enabled log-based metric with the CIS filter for VPC firewall rule changes exists, and an enabled Cloud Monitoring alert policy with a notification channel has a condition on it.
# scope: package
# custom:
#   id: gcp-monitoring-firewall-changes
#   severity: low
#   area: compliance-governance
#   resource_type: gcp_project
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["2.7"]
#   remediation: Create the metric with the CIS filter (`gcloud logging metrics create firewall-changes --log-filter='...'`, filter in the CIS benchmark 2.7 and in policies/lib/gcp/monitoring.rego) and an alert policy on `metric.type="logging.googleapis.com/user/firewall-changes"` with a notification channel (`gcloud alpha monitoring policies create --policy-from-file=POLICY.json`).
#   rationale: 'Google records and stores the logs, but which logs are written, where they are kept and who is alerted is configured by the customer: Cloud Audit Logs record VPC firewall rule changes, but nobody is told unless the customer turns the entries into a metric and alerts on it; a changed firewall rule can expose workloads to the internet. Watching its own configuration and responding is the customer''s monitoring duty.'
#   pass_message: project {name} has a log-based metric and an alert policy for VPC firewall rule changes
#   depends_on: [gcp_logging_metric.name, gcp_logging_metric.filter, gcp_logging_metric.disabled, gcp_monitoring_alert_policy.enabled, gcp_monitoring_alert_policy.notification_channels, gcp_monitoring_alert_policy.condition_filters]
package incloud.gcp.monitoring.firewall_changes

import data.incloud.lib.gcp.monitoring

deny contains {"resource_id": p.id, "message": msg} if {
	some p in input.resources.gcp_project
	msg := sprintf("VPC firewall rule changes are not alerted on in project %s: %s", [p.project_id, monitoring.gap("firewall")])
}
