# METADATA
# title: Defender auto provisioning is on
# description: >-
#   Defender for Cloud's auto-provisioning setting (monitoring agent) is On.
# scope: package
# custom:
#   id: azure-defender-auto-provisioning
#   severity: low
#   area: compliance-governance
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.1.1.1"]
#   remediation: >-
#     `az security auto-provisioning-setting update --name default --auto-provision On` (or Defender
#     for Cloud > Environment settings > Settings & monitoring).
#   rationale: >-
#     Microsoft operates Defender for Cloud, but its plans and settings stay off until the customer
#     turns them on for the subscription; Microsoft does not enable or pay for protection on the
#     customer's behalf. Without auto-provisioning, new VMs reach no monitoring until someone installs
#     the agent by hand.
#   pass_message: >-
#     subscription {name}: Defender auto provisioning is On
#   depends_on: [auto_provisioning]
package incloud.azure.defender.auto_provisioning

deny contains {"resource_id": s.id, "message": sprintf("auto provisioning is %v", [s.auto_provisioning])} if {
	some s in input.resources.azure_subscription
	s.auto_provisioning != "On"
}
