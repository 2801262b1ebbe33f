# METADATA
# title: High severity alerts are emailed
# description: >-
#   A security contact receives alert notifications of severity High (a minimal severity of Low,
#   Medium or High is set).
# scope: package
# custom:
#   id: azure-defender-alert-notifications
#   severity: low
#   area: compliance-governance
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.1.14"]
#   remediation: >-
#     Defender for Cloud > Email notifications: Notify about alerts with the following severity (or
#     higher) = High (or lower).
#   rationale: >-
#     Microsoft operates Defender for Cloud, but its plans and settings stay off until the customer
#     turns them on for the subscription; Microsoft does not enable or pay for protection on the
#     customer's behalf. Alert notifications are off unless the customer turns them on.
#   pass_message: >-
#     subscription {name}: a security contact receives alert notifications including High severity
#   depends_on: [security_contacts]
package incloud.azure.defender.alert_notifications

deny contains {"resource_id": s.id, "message": "no security contact receives alert notifications"} if {
	some s in input.resources.azure_subscription
	count([c | some c in s.security_contacts; is_string(c.alert_minimal_severity)]) == 0
}
