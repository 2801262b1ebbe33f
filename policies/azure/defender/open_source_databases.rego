# METADATA
# title: Microsoft Defender for open-source relational databases is on
# description: >-
#   The Defender for Cloud plan OpenSourceRelationalDatabases is on (Standard tier).
# scope: package
# custom:
#   id: azure-defender-open-source-databases
#   severity: medium
#   area: compliance-governance
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.1.7.2"]
#   remediation: >-
#     `az security pricing create --name OpenSourceRelationalDatabases --tier Standard` (Defender for
#     Cloud > Environment settings > subscription > Defender plans).
#   rationale: >-
#     Microsoft operates Defender for Cloud, but its plans and settings stay off until the customer
#     turns them on for the subscription; Microsoft does not enable or pay for protection on the
#     customer's behalf. The plan watches the customer's PostgreSQL and MySQL servers; it is a paid
#     option the customer must choose.
#   pass_message: >-
#     subscription {name}: the Defender plan OpenSourceRelationalDatabases is on (Standard tier)
#   depends_on: [defender_plans]
package incloud.azure.defender.open_source_databases

import data.incloud.lib.azure.defender

deny contains {"resource_id": s.id, "message": "the Defender plan OpenSourceRelationalDatabases is not on (Standard tier)"} if {
	some s in input.resources.azure_subscription
	not defender.plan_on(s, "OpenSourceRelationalDatabases")
}
