# METADATA
# title: Agentless scanning for machines is on
# description: >-
#   The Defender plan VirtualMachines is on with its AgentlessVmScanning extension enabled.
# scope: package
# custom:
#   id: azure-defender-agentless-scanning
#   severity: medium
#   area: application-security
#   resource_type: azure_subscription
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.1.3.4"]
#   remediation: >-
#     Defender for Cloud > Environment settings > subscription > Defender plans > VirtualMachines >
#     Settings: turn AgentlessVmScanning On (`az security pricing create --name VirtualMachines --tier
#     Standard --extensions name=AgentlessVmScanning isEnabled=True`).
#   rationale: >-
#     Microsoft operates Defender for Cloud, but its plans and settings stay off until the customer
#     turns them on for the subscription; Microsoft does not enable or pay for protection on the
#     customer's behalf. Agentless scanning reads the customer's VM disks for vulnerabilities and
#     secrets only with the customer's opt-in.
#   pass_message: >-
#     subscription {name}: the VirtualMachines plan is on with AgentlessVmScanning enabled
#   depends_on: [defender_plans]
package incloud.azure.defender.agentless_scanning

import data.incloud.lib.azure.defender

deny contains {"resource_id": s.id, "message": "the VirtualMachines plan's AgentlessVmScanning component is not on"} if {
	some s in input.resources.azure_subscription
	not defender.extension_on(s, "VirtualMachines", "AgentlessVmScanning")
}
