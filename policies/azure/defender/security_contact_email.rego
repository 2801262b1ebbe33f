# METADATA
# title: A security contact email is configured
# description: >-
#   A security contact has at least one additional email address.
# scope: package
# custom:
#   id: azure-defender-security-contact-email
#   severity: low
#   area: compliance-governance
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.1.13"]
#   remediation: >-
#     `az security contact create --name default --emails security@example.com --alert-notifications
#     on` (or Email notifications > Additional email addresses).
#   rationale: >-
#     Microsoft operates Defender for Cloud, but its plans and settings stay off until the customer
#     turns them on for the subscription; Microsoft does not enable or pay for protection on the
#     customer's behalf. Only the customer knows who its security team is.
#   pass_message: >-
#     subscription {name}: a security contact email address is configured
#   depends_on: [security_contacts]
package incloud.azure.defender.security_contact_email

deny contains {"resource_id": s.id, "message": "no security contact email address is configured"} if {
	some s in input.resources.azure_subscription
	count([c | some c in s.security_contacts; count(c.emails) > 0]) == 0
}
