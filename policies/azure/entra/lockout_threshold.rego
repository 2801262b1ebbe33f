# METADATA
# title: Smart lockout threshold is 10 or less
# description: >-
#   The Password Rule Settings lockout threshold is at most 10 failed sign-ins.
# scope: package
# custom:
#   id: azure-entra-lockout-threshold
#   severity: medium
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.6"]
#   remediation: >-
#     Entra admin center > Protection > Authentication methods > Password protection: Lockout
#     threshold = 10 or less.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Lockout limits password guessing against the customer's
#     accounts; its threshold is a tenant setting.
#   pass_message: >-
#     tenant {name}: accounts lock after at most 10 failed sign-ins
#   depends_on: [password_rule_settings]
package incloud.azure.entra.lockout_threshold

deny contains {"resource_id": t.id, "message": sprintf("the account lockout threshold is %d failed sign-ins", [t.password_rule_settings.lockout_threshold])} if {
	some t in input.resources.azure_tenant
	t.password_rule_settings.lockout_threshold > 10
}
