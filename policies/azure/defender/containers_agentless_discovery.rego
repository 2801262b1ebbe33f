# METADATA
# title: Agentless discovery for Kubernetes is on
# description: >-
#   The Defender plan Containers is on with its AgentlessDiscoveryForKubernetes extension enabled.
# scope: package
# custom:
#   id: azure-defender-containers-agentless-discovery
#   severity: medium
#   area: application-security
#   resource_type: azure_subscription
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.1.4.2"]
#   remediation: >-
#     Defender for Cloud > Environment settings > subscription > Defender plans > Containers >
#     Settings: turn AgentlessDiscoveryForKubernetes On (`az security pricing create --name Containers
#     --tier Standard --extensions name=AgentlessDiscoveryForKubernetes isEnabled=True`).
#   rationale: >-
#     Microsoft operates Defender for Cloud, but its plans and settings stay off until the customer
#     turns them on for the subscription; Microsoft does not enable or pay for protection on the
#     customer's behalf. Discovery of the customer's clusters' posture needs the customer's opt-in.
#   pass_message: >-
#     subscription {name}: the Containers plan is on with AgentlessDiscoveryForKubernetes enabled
#   depends_on: [defender_plans]
package incloud.azure.defender.containers_agentless_discovery

import data.incloud.lib.azure.defender

deny contains {"resource_id": s.id, "message": "the Containers plan's AgentlessDiscoveryForKubernetes component is not on"} if {
	some s in input.resources.azure_subscription
	not defender.extension_on(s, "Containers", "AgentlessDiscoveryForKubernetes")
}
