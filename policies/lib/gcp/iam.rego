# IAM helpers shared by the GCP checks: the members of a policy's bindings, public principals,
# and the admin-role test.
package incloud.lib.gcp.iam

# public_members are the principals that stand for anyone on the internet.
public_members := {"allUsers", "allAuthenticatedUsers"}

# public_grants(policy) is the set of "member role" strings of policy that grant a role to
# anyone: allUsers or allAuthenticatedUsers.
public_grants(policy) := {sprintf("%s %s", [m, b.role]) |
	some b in policy.bindings
	some m in b.members
	m in public_members
}

# roles_of(policy) maps every member of policy to the set of roles it holds. Conditional
# bindings count: a condition narrows a grant, it does not remove it.
roles_of(policy) := {m: roles |
	some b in policy.bindings
	some m in b.members
	roles := {r | some b2 in policy.bindings; m in b2.members; r := b2.role}
}

# admin_role(role) is true for the basic Owner and Editor roles and for every role whose last
# name part contains "admin" (roles/iam.serviceAccountAdmin, roles/storage.admin, custom
# roles named ...Admin).
admin_role("roles/owner")

admin_role("roles/editor")

admin_role(role) if {
	parts := split(role, "/")
	contains(lower(parts[count(parts) - 1]), "admin")
}

# service_account_member(m) is true for serviceAccount: principals.
service_account_member(m) if startswith(m, "serviceAccount:")

# user_member(m) is true for the principals that are people or groups of people (not service
# accounts, not the public principals).
user_member(m) if startswith(m, "user:")

user_member(m) if startswith(m, "group:")

user_member(m) if startswith(m, "domain:")
