# METADATA
# title: Microsoft Defender for Containers is on
# description: >-
#   The Defender for Cloud plan Containers is on (Standard tier).
# scope: package
# custom:
#   id: azure-defender-containers
#   severity: medium
#   area: compliance-governance
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.1.4.1"]
#   remediation: >-
#     `az security pricing create --name Containers --tier Standard` (Defender for Cloud > Environment
#     settings > subscription > Defender plans).
#   rationale: >-
#     Microsoft operates Defender for Cloud, but its plans and settings stay off until the customer
#     turns them on for the subscription; Microsoft does not enable or pay for protection on the
#     customer's behalf. The plan watches the customer's clusters and container images; it is a paid
#     option the customer must choose.
#   pass_message: >-
#     subscription {name}: the Defender plan Containers is on (Standard tier)
#   depends_on: [defender_plans]
package incloud.azure.defender.containers

import data.incloud.lib.azure.defender

deny contains {"resource_id": s.id, "message": "the Defender plan Containers is not on (Standard tier)"} if {
	some s in input.resources.azure_subscription
	not defender.plan_on(s, "Containers")
}
