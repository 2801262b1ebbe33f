# METADATA
# title: A conditional access policy blocks the device code flow
# description: >-
#   An enabled conditional access policy blocks the device code authentication flow.
# scope: package
# custom:
#   id: azure-entra-ca-device-code-block
#   severity: medium
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.2.3"]
#   remediation: >-
#     Create a conditional access policy: users All (exclude the accounts that need it), cloud apps
#     All, conditions > Authentication flows > Device code flow, grant Block access.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. The device code flow is abused for phishing; whether the
#     organisation needs it is the customer's decision and its restriction the customer's
#     configuration.
#   pass_message: >-
#     tenant {name}: an enabled conditional access policy blocks the device code flow
#   depends_on: [conditional_access_policies]
package incloud.azure.entra.ca_device_code_block

import data.incloud.lib.azure.entra

deny contains {"resource_id": t.id, "message": "no enabled conditional access policy blocks the device code flow"} if {
	some t in input.resources.azure_tenant
	count([p | some p in t.conditional_access_policies; entra.enabled(p); entra.blocks(p); "deviceCodeFlow" in p.authentication_flows]) == 0
}
