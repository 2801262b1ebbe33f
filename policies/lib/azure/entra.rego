# Microsoft Entra ID helpers: conditional access policies and well-known ids.
package incloud.lib.azure.entra

# global_admin is the role template id of Global Administrator.
global_admin := "62e90394-69f5-4237-9190-012177145e10"

# privileged_roles are the role template ids CIS and Microsoft call highly privileged.
privileged_roles := {
	"62e90394-69f5-4237-9190-012177145e10", # Global Administrator
	"e8611ab8-c189-46e8-94e1-60213ab1f814", # Privileged Role Administrator
	"7be44c8a-adaf-4e2a-84d6-ab2649e08a13", # Privileged Authentication Administrator
	"194ae4cb-b126-40b2-bd5b-6091b380977d", # Security Administrator
	"b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", # Conditional Access Administrator
	"29232cdf-9323-42fd-ade2-1d097af3e4de", # Exchange Administrator
	"f28a1f50-f6e7-4571-818b-6a12f2af6b6c", # SharePoint Administrator
	"fe930be7-5e62-47db-91af-98c3a49a38b1", # User Administrator
	"9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", # Application Administrator
	"158c047a-c907-4556-b7ef-446551a6b5f7", # Cloud Application Administrator
	"c4e39bd9-1100-46d3-8c65-fb160da0071f", # Authentication Administrator
	"b0f54661-2d74-4c50-afa3-1ec803f12efe", # Billing Administrator
	"729827e3-9c14-49f7-bb1b-9608f156bbb8", # Helpdesk Administrator
}

# azure_management_app is the application id of "Windows Azure Service Management API".
azure_management_app := "797f4846-ba00-4fd7-ba43-dac1f8f63013"

# enabled(p) is true for a conditional access policy that is on (not report-only).
enabled(p) if p.state == "enabled"

# requires_mfa(p) is true when the policy grants access only with MFA (built-in control or an
# authentication strength).
requires_mfa(p) if "mfa" in p.built_in_controls

requires_mfa(p) if is_string(p.authentication_strength)

# blocks(p) is true when the policy blocks access.
blocks(p) if "block" in p.built_in_controls

# all_users(p) is true when the policy targets all users.
all_users(p) if "All" in p.include_users

# all_apps(p) is true when the policy targets all cloud apps.
all_apps(p) if "All" in p.include_applications

# mfa_policies(policies) are the enabled policies requiring MFA.
mfa_policies(policies) := [p | some p in policies; enabled(p); requires_mfa(p)]
