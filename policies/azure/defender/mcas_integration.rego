# METADATA
# title: Defender for Cloud Apps integration is on
# description: >-
#   The Defender for Cloud setting MCAS (Microsoft Defender for Cloud Apps integration) is enabled.
# scope: package
# custom:
#   id: azure-defender-mcas-integration
#   severity: low
#   area: compliance-governance
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.1.1.2"]
#   remediation: >-
#     Defender for Cloud > Environment settings > subscription > Integrations: allow Microsoft
#     Defender for Cloud Apps to access my data.
#   rationale: >-
#     Microsoft operates Defender for Cloud, but its plans and settings stay off until the customer
#     turns them on for the subscription; Microsoft does not enable or pay for protection on the
#     customer's behalf. The integration shares the subscription's signals with Defender for Cloud
#     Apps only if the customer opts in.
#   pass_message: >-
#     subscription {name}: the Defender for Cloud Apps integration is on
#   depends_on: [security_settings]
package incloud.azure.defender.mcas_integration

import data.incloud.lib.azure.defender

deny contains {"resource_id": s.id, "message": "the Microsoft Defender for Cloud Apps integration (MCAS) is off"} if {
	some s in input.resources.azure_subscription
	not defender.setting_on(s, "MCAS")
}
