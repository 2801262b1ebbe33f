# METADATA
# title: MFA is required to register or join devices
# description: >-
#   An enabled conditional access policy on the user action 'Register or join devices' requires MFA.
# scope: package
# custom:
#   id: azure-entra-device-registration-mfa
#   severity: medium
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.22"]
#   remediation: >-
#     Create a conditional access policy: users All, User actions > Register or join devices, grant
#     Require multifactor authentication (and set 'Require MFA to register or join devices' to No
#     under Devices > Device settings, as Microsoft advises when using the policy).
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. A device joined with a stolen password becomes a trusted
#     foothold in the customer's tenant; requiring MFA for it is the customer's policy.
#   pass_message: >-
#     tenant {name}: an enabled conditional access policy requires MFA to register or join devices
#   depends_on: [conditional_access_policies]
package incloud.azure.entra.device_registration_mfa

import data.incloud.lib.azure.entra

deny contains {"resource_id": t.id, "message": "no enabled conditional access policy requires MFA to register or join devices"} if {
	some t in input.resources.azure_tenant
	count([p | some p in entra.mfa_policies(t.conditional_access_policies); "urn:user:registerdevice" in p.include_user_actions]) == 0
}
