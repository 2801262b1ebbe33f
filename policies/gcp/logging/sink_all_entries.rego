# METADATA
# title: A log sink exports every log entry
# description: The project has an enabled log sink without a filter, so that a copy of every log entry leaves the project's default 30-day retention. Sinks of the organization or a folder are not read and do not count.
# scope: package
# custom:
#   id: gcp-logging-sink-all-entries
#   severity: medium
#   area: compliance-governance
#   resource_type: gcp_project
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["2.2"]
#   remediation: 'Create a sink without a filter to a storage bucket, BigQuery dataset or log bucket in a logging project: `gcloud logging sinks create all-logs storage.googleapis.com/BUCKET` (then grant the sink''s writer identity access to the destination). An aggregated sink on the organization also works; waive this check for the project if you use one.'
#   rationale: 'Google records and stores the logs, but which logs are written, where they are kept and who is alerted is configured by the customer: Google keeps the _Default log bucket for 30 days only and exports nothing unless the customer sets up a sink. Retaining the evidence that investigations and auditors need is the customer''s responsibility.'
#   pass_message: project {name} has an enabled log sink without a filter
#   depends_on: [gcp_logging_sink.filter, gcp_logging_sink.disabled]
package incloud.gcp.logging.sink_all_entries

deny contains {"resource_id": p.id, "message": msg} if {
	some p in input.resources.gcp_project
	not exports_everything
	msg := sprintf("project %s has no enabled log sink without a filter", [p.project_id])
}

exports_everything if {
	some s in input.resources.gcp_logging_sink
	not s.disabled
	trim_space(s.filter) == ""
}
