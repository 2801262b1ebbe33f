# METADATA
# title: Microsoft Defender for SQL servers on machines is on
# description: >-
#   The Defender for Cloud plan SqlServerVirtualMachines is on (Standard tier).
# scope: package
# custom:
#   id: azure-defender-sql-servers-on-machines
#   severity: medium
#   area: compliance-governance
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.1.7.4"]
#   remediation: >-
#     `az security pricing create --name SqlServerVirtualMachines --tier Standard` (Defender for Cloud
#     > Environment settings > subscription > Defender plans).
#   rationale: >-
#     Microsoft operates Defender for Cloud, but its plans and settings stay off until the customer
#     turns them on for the subscription; Microsoft does not enable or pay for protection on the
#     customer's behalf. The plan watches SQL Server the customer runs on its own VMs; it is a paid
#     option the customer must choose.
#   pass_message: >-
#     subscription {name}: the Defender plan SqlServerVirtualMachines is on (Standard tier)
#   depends_on: [defender_plans]
package incloud.azure.defender.sql_servers_on_machines

import data.incloud.lib.azure.defender

deny contains {"resource_id": s.id, "message": "the Defender plan SqlServerVirtualMachines is not on (Standard tier)"} if {
	some s in input.resources.azure_subscription
	not defender.plan_on(s, "SqlServerVirtualMachines")
}
