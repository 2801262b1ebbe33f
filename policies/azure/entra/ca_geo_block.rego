# METADATA
# title: A conditional access policy blocks sign-ins by geography
# description: >-
#   An enabled conditional access policy blocks all users' sign-ins from a set of locations (an
#   exclusionary geographic policy), not from everywhere.
# scope: package
# custom:
#   id: azure-entra-ca-geo-block
#   severity: low
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.2.2"]
#   remediation: >-
#     Create a country named location with the countries the organisation does not operate in, then a
#     conditional access policy: users All, cloud apps All, conditions > locations include that named
#     location, grant Block access; turn it on after report-only review.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Where the organisation's users work from is known to the
#     customer alone; Microsoft cannot decide which countries to block.
#   pass_message: >-
#     tenant {name}: an enabled conditional access policy blocks sign-ins from chosen locations
#   depends_on: [conditional_access_policies, named_locations]
package incloud.azure.entra.ca_geo_block

import data.incloud.lib.azure.entra

deny contains {"resource_id": t.id, "message": "no enabled conditional access policy blocks sign-ins from chosen locations"} if {
	some t in input.resources.azure_tenant
	not geo_block(t.conditional_access_policies)
}

geo_block(policies) if {
	some p in policies
	entra.enabled(p)
	entra.blocks(p)
	entra.all_users(p)
	count(p.include_locations) > 0
	not "All" in p.include_locations
}
