# METADATA
# title: Security alerts notify subscription owners
# description: >-
#   A security contact notifies the Owner role of alerts (notificationsByRole On with Owner).
# scope: package
# custom:
#   id: azure-defender-owner-notifications
#   severity: low
#   area: compliance-governance
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.1.12"]
#   remediation: >-
#     Defender for Cloud > Environment settings > subscription > Email notifications: All users with
#     the following roles = Owner.
#   rationale: >-
#     Microsoft operates Defender for Cloud, but its plans and settings stay off until the customer
#     turns them on for the subscription; Microsoft does not enable or pay for protection on the
#     customer's behalf. Microsoft raises the alert; making sure the people accountable for the
#     subscription hear of it is the customer's configuration.
#   pass_message: >-
#     subscription {name}: security alerts notify the Owner role
#   depends_on: [security_contacts]
package incloud.azure.defender.owner_notifications

deny contains {"resource_id": s.id, "message": "no security contact notifies the Owner role"} if {
	some s in input.resources.azure_subscription
	count([c | some c in s.security_contacts; c.notify_roles_state == "On"; "Owner" in c.notify_roles]) == 0
}
