# METADATA
# title: Endpoint protection (Defender for Endpoint integration) is on
# description: >-
#   Defender for Servers is on and the WDATP setting (Microsoft Defender for Endpoint integration)
#   is enabled.
# scope: package
# custom:
#   id: azure-defender-endpoint-protection
#   severity: medium
#   area: application-security
#   resource_type: azure_subscription
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.1.3.3"]
#   remediation: >-
#     Defender for Cloud > Environment settings > Defender plans > Servers > Settings: Endpoint
#     protection On.
#   rationale: >-
#     Microsoft operates Defender for Cloud, but its plans and settings stay off until the customer
#     turns them on for the subscription; Microsoft does not enable or pay for protection on the
#     customer's behalf. Anti-malware on a VM's OS is the customer's under IaaS; the integration
#     deploys it only with the customer's opt-in.
#   pass_message: >-
#     subscription {name}: Defender for Servers is on with the Defender for Endpoint integration
#   depends_on: [defender_plans, security_settings]
package incloud.azure.defender.endpoint_protection

import data.incloud.lib.azure.defender

deny contains {"resource_id": s.id, "message": "endpoint protection (WDATP integration with Defender for Servers) is not on"} if {
	some s in input.resources.azure_subscription
	not endpoint_on(s)
}

endpoint_on(s) if {
	defender.plan_on(s, "VirtualMachines")
	defender.setting_on(s, "WDATP")
}
