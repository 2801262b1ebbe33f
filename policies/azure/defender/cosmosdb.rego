# METADATA
# title: Microsoft Defender for Azure Cosmos DB is on
# description: >-
#   The Defender for Cloud plan CosmosDbs is on (Standard tier).
# scope: package
# custom:
#   id: azure-defender-cosmosdb
#   severity: medium
#   area: compliance-governance
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.1.7.1"]
#   remediation: >-
#     `az security pricing create --name CosmosDbs --tier Standard` (Defender for Cloud > Environment
#     settings > subscription > Defender plans).
#   rationale: >-
#     Microsoft operates Defender for Cloud, but its plans and settings stay off until the customer
#     turns them on for the subscription; Microsoft does not enable or pay for protection on the
#     customer's behalf. The plan watches the customer's Cosmos DB accounts; it is a paid option the
#     customer must choose.
#   pass_message: >-
#     subscription {name}: the Defender plan CosmosDbs is on (Standard tier)
#   depends_on: [defender_plans]
package incloud.azure.defender.cosmosdb

import data.incloud.lib.azure.defender

deny contains {"resource_id": s.id, "message": "the Defender plan CosmosDbs is not on (Standard tier)"} if {
	some s in input.resources.azure_subscription
	not defender.plan_on(s, "CosmosDbs")
}
