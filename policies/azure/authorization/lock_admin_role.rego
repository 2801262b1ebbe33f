# METADATA
# title: A custom role administers resource locks
# description: >-
#   A custom role definition grants Microsoft.Authorization/locks/* so that lock management can be
#   delegated without Owner.
# scope: package
# custom:
#   id: azure-authorization-lock-admin-role
#   severity: low
#   area: user-access-management
#   resource_type: azure_subscription
#   service_model: paas
#   frameworks:
#     cis-azure-foundations-v3.0.0: ["2.24"]
#   remediation: >-
#     Create a 'Resource Lock Administrator' custom role with actions Microsoft.Authorization/locks/*
#     (`az role definition create --role-definition role.json`) and assign it to those who manage
#     locks.
#   rationale: >-
#     Azure offers locks but no built-in role limited to them; delegating lock management without
#     handing out Owner is the customer's design.
#   pass_message: >-
#     subscription {name}: a custom role grants Microsoft.Authorization/locks/*
#   depends_on: [azure_authorization_role_definition.permissions]
package incloud.azure.authorization.lock_admin_role

deny contains {"resource_id": s.id, "message": "no custom role grants Microsoft.Authorization/locks/*"} if {
	some s in input.resources.azure_subscription
	not lock_role
}

lock_role if {
	some r in input.resources.azure_authorization_role_definition
	some p in r.permissions
	some a in p.actions
	lower(a) in {"microsoft.authorization/locks/*", "microsoft.authorization/*"}
}
