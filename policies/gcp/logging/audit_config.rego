# METADATA
# title: Data Access audit logs are on for all services and all users
# description: The project's IAM policy has an audit config for allServices that turns on DATA_READ and DATA_WRITE logs and exempts no member.
# scope: package
# custom:
#   id: gcp-logging-audit-config
#   severity: medium
#   area: compliance-governance
#   resource_type: gcp_project
#   service_model: paas
#   frameworks:
#     cis-gcp-foundation-v3.0.0: ["2.1"]
#   remediation: 'Add to the project''s IAM policy (`gcloud projects get-iam-policy PROJECT > policy.yaml`, edit, `gcloud projects set-iam-policy PROJECT policy.yaml`): `auditConfigs: [{service: allServices, auditLogConfigs: [{logType: ADMIN_READ}, {logType: DATA_READ}, {logType: DATA_WRITE}]}]` without exemptedMembers.'
#   rationale: 'Google records and stores the logs, but which logs are written, where they are kept and who is alerted is configured by the customer: Admin Activity logs are always on, but Data Access logs (who read or changed the customer''s data) are off until the customer turns them on, and exempted members leave no trace at all. Producing the audit evidence for its own data is the customer''s duty.'
#   pass_message: project {name} logs DATA_READ and DATA_WRITE for all services and exempts no one
#   depends_on: [iam_policy]
package incloud.gcp.logging.audit_config

deny contains {"resource_id": p.id, "message": msg} if {
	some p in input.resources.gcp_project
	why := problem(p.iam_policy.audit_configs)
	msg := sprintf("project %s: %s", [p.project_id, why])
}

problem(configs) := sprintf("Data Access audit logs for all services miss %s", [concat(", ", sort(missing))]) if {
	on := {c.log_type | some a in configs; a.service == "allServices"; some c in a.audit_log_configs}
	missing := {"DATA_READ", "DATA_WRITE"} - on
	count(missing) > 0
} else := sprintf("audit logs for %s exempt %s", [a.service, concat(", ", sort(exempt))]) if {
	some a in configs
	exempt := {m | some c in a.audit_log_configs; some m in c.exempted_members}
	count(exempt) > 0
}
