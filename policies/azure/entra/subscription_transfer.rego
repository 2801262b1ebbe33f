# METADATA
# title: Subscriptions cannot leave or enter the tenant
# description: >-
#   The subscription policy blocks subscriptions leaving the tenant and entering it (Permit no one).
# scope: package
# custom:
#   id: azure-entra-subscription-transfer
#   severity: medium
#   area: compliance-governance
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.25"]
#   remediation: >-
#     Azure portal > Subscriptions > Manage policies: Subscription leaving Microsoft Entra ID
#     directory = Permit no one, and entering = Permit no one (a Global Administrator with elevated
#     access sets this).
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Moving a subscription out of the tenant takes the
#     customer's resources out of its identity and policy control; the tenant-wide policy is the
#     customer's.
#   pass_message: >-
#     tenant {name}: subscriptions can neither leave nor enter the tenant
#   depends_on: [subscription_policy]
package incloud.azure.entra.subscription_transfer

deny contains {"resource_id": t.id, "message": "subscriptions may be moved out of or into the tenant"} if {
	some t in input.resources.azure_tenant
	not blocked(t.subscription_policy)
}

blocked(p) if {
	p.block_subscriptions_leaving_tenant == true
	p.block_subscriptions_into_tenant == true
}
