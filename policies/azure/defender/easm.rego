# METADATA
# title: Defender External Attack Surface Management is used
# description: >-
#   The subscription has at least one Defender EASM workspace.
# scope: package
# custom:
#   id: azure-defender-easm
#   severity: low
#   area: compliance-governance
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.1.15"]
#   remediation: >-
#     Create a Defender EASM workspace (Azure portal > Microsoft Defender EASM > Create) and seed it
#     with the organisation's domains and IP ranges.
#   rationale: >-
#     Microsoft operates Defender for Cloud, but its plans and settings stay off until the customer
#     turns them on for the subscription; Microsoft does not enable or pay for protection on the
#     customer's behalf. Inventorying what the customer exposes on the internet is the customer's
#     governance task; EASM only does it when deployed.
#   pass_message: >-
#     subscription {name}: a Defender EASM workspace exists
#   depends_on: [easm_workspaces]
package incloud.azure.defender.easm

deny contains {"resource_id": s.id, "message": "no Defender EASM workspace exists"} if {
	some s in input.resources.azure_subscription
	count(s.easm_workspaces) == 0
}
