# METADATA
# title: No custom subscription administrator roles
# description: >-
#   No custom role grants all actions ("*") at subscription or root scope.
# scope: package
# custom:
#   id: azure-authorization-custom-owner-roles
#   severity: high
#   area: user-access-management
#   resource_type: azure_authorization_role_definition
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.23"]
#   remediation: >-
#     Replace the role with built-in roles (Owner with Privileged Identity Management, or narrower
#     roles) and delete it: `az role definition delete --name NAME`.
#   rationale: >-
#     Azure enforces role definitions, but custom roles are written by the customer: one granting "*"
#     is an unmanaged copy of Owner outside the customer's review of privileged roles.
#   pass_message: >-
#     custom role {name} does not grant all actions at subscription or root scope
#   depends_on: [assignable_scopes, permissions]
package incloud.azure.authorization.custom_owner_roles

deny contains {"resource_id": r.id, "message": msg} if {
	some r in input.resources.azure_authorization_role_definition
	some scope in r.assignable_scopes
	subscription_or_root(scope)
	some p in r.permissions
	"*" in p.actions
	msg := sprintf("custom role %s grants all actions at %s", [r.name, scope])
}

subscription_or_root("/")

subscription_or_root(scope) if regex.match(`^/subscriptions/[^/]+/?$`, lower(scope))
