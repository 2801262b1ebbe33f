# METADATA
# title: File integrity monitoring is on
# description: >-
#   The Defender plan VirtualMachines is on with its FileIntegrityMonitoring extension enabled.
# scope: package
# custom:
#   id: azure-defender-file-integrity-monitoring
#   severity: medium
#   area: application-security
#   resource_type: azure_subscription
#   service_model: iaas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["3.1.3.5"]
#   remediation: >-
#     Defender for Cloud > Environment settings > subscription > Defender plans > VirtualMachines >
#     Settings: turn FileIntegrityMonitoring On (`az security pricing create --name VirtualMachines
#     --tier Standard --extensions name=FileIntegrityMonitoring isEnabled=True`).
#   rationale: >-
#     Microsoft operates Defender for Cloud, but its plans and settings stay off until the customer
#     turns them on for the subscription; Microsoft does not enable or pay for protection on the
#     customer's behalf. Watching the customer's OS files for tampering is part of hardening an OS the
#     customer owns.
#   pass_message: >-
#     subscription {name}: the VirtualMachines plan is on with FileIntegrityMonitoring enabled
#   depends_on: [defender_plans]
package incloud.azure.defender.file_integrity_monitoring

import data.incloud.lib.azure.defender

deny contains {"resource_id": s.id, "message": "the VirtualMachines plan's FileIntegrityMonitoring component is not on"} if {
	some s in input.resources.azure_subscription
	not defender.extension_on(s, "VirtualMachines", "FileIntegrityMonitoring")
}
