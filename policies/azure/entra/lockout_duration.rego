# METADATA
# title: Smart lockout lasts at least 60 seconds
# description: >-
#   The Password Rule Settings lockout duration is at least 60 seconds.
# scope: package
# custom:
#   id: azure-entra-lockout-duration
#   severity: low
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.7"]
#   remediation: >-
#     Entra admin center > Protection > Authentication methods > Password protection: Lockout duration
#     in seconds = 60 or more.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Lockout duration slows password guessing against the
#     customer's accounts; it is a tenant setting.
#   pass_message: >-
#     tenant {name}: account lockout lasts at least 60 seconds
#   depends_on: [password_rule_settings]
package incloud.azure.entra.lockout_duration

deny contains {"resource_id": t.id, "message": sprintf("the account lockout lasts %d seconds", [t.password_rule_settings.lockout_duration_seconds])} if {
	some t in input.resources.azure_tenant
	t.password_rule_settings.lockout_duration_seconds < 60
}
