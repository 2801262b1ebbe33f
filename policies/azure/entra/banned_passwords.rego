# METADATA
# title: A custom banned password list is enforced
# description: >-
#   The custom banned password list is enforced (EnableBannedPasswordCheck) and not empty.
# scope: package
# custom:
#   id: azure-entra-banned-passwords
#   severity: medium
#   area: user-access-management
#   resource_type: azure_tenant
#   service_model: saas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.8"]
#   remediation: >-
#     Entra admin center > Protection > Authentication methods > Password protection: Enforce custom
#     list = Yes and add the organisation's names, products and places.
#   rationale: >-
#     Microsoft runs Entra ID as a service (SaaS): it operates the directory and the sign-in
#     infrastructure, but who may sign in, how strongly, and what users may do in the tenant are
#     settings only the customer configures. Microsoft's global list cannot know the organisation's
#     own guessable words; only the customer can list and enforce them.
#   pass_message: >-
#     tenant {name}: a non-empty custom banned password list is enforced
#   depends_on: [password_rule_settings]
package incloud.azure.entra.banned_passwords

deny contains {"resource_id": t.id, "message": "the custom banned password list is not enforced or is empty"} if {
	some t in input.resources.azure_tenant
	not enforced(t.password_rule_settings)
}

enforced(s) if {
	s.enable_banned_password_check == true
	s.banned_password_count > 0
}
