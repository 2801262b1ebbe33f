# METADATA
# title: Trusted named locations are defined
# description: >-
#   The tenant defines at least one trusted named location (IP ranges marked trusted) for
#   conditional access.
# scope: package
# custom:
#   id: azure-entra-trusted-locations
#   severity: low
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.2.1"]
#   remediation: >-
#     Entra admin center > Protection > Conditional Access > Named locations: add the organisation's
#     egress IP ranges and mark them as trusted.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Which networks the customer trusts is knowledge only the
#     customer has; conditional access can use them only after the customer declares them.
#   pass_message: >-
#     tenant {name}: a trusted named location is defined
#   depends_on: [named_locations]
package incloud.azure.entra.trusted_locations

deny contains {"resource_id": t.id, "message": "no trusted named location is defined"} if {
	some t in input.resources.azure_tenant
	count([l | some l in t.named_locations; l.is_trusted == true]) == 0
}
