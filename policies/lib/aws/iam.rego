# IAM helpers shared by the AWS identity checks: policy-document normalisation (Statement,
# Action and Resource may each be a single value or a list), the "allows * on *" test, access
# keys and the entity lists of aws_account.
package incloud.lib.aws.iam

# as_array(x) is x when x is an array, [x] when x is a string, and [] for anything else
# (null, missing fields passed through object.get, objects).
as_array(x) := x if is_array(x)

else := [x] if is_string(x)

else := []

# statements(doc) is the Statement list of a policy document: IAM accepts a single statement
# object as well as a list. A document without statements has none.
statements(doc) := s if {
	s := doc.Statement
	is_array(s)
} else := [s] if {
	s := doc.Statement
	is_object(s)
} else := []

# full_admin_actions are the action patterns that match every action of every service.
full_admin_actions := {"*", "*:*"}

# full_admin_statement(stmt) is true when stmt allows every action on every resource:
# Effect Allow, an Action (not NotAction) of "*" and a Resource (not NotResource) of "*".
# NotAction statements ("everything except ...") are not counted: what they leave out cannot be
# judged without knowing the action catalogue, and CIS counts only Action "*".
full_admin_statement(stmt) if {
	stmt.Effect == "Allow"
	some action in as_array(object.get(stmt, "Action", []))
	action in full_admin_actions
	some resource in as_array(object.get(stmt, "Resource", []))
	resource == "*"
}

# allows_full_admin(doc) is true when some statement of the policy document doc allows * on *.
allows_full_admin(doc) if {
	some stmt in statements(doc)
	is_object(stmt)
	full_admin_statement(stmt)
}

# admin_inline_policy_names(policies) is the sorted names of the inline policies (a list of
# {policy_name, document}) whose document allows * on *; [] for null.
admin_inline_policy_names(policies) := sort([p.policy_name |
	some p in as_array(policies)
	allows_full_admin(p.document)
])

# active_keys(user) is the user's access keys with status Active; [] when access_keys is null.
active_keys(user) := [k |
	some k in as_array(user.access_keys)
	k.status == "Active"
]

# entity_kinds are the keys of aws_account's *_entities objects.
entity_kinds := ["users", "groups", "roles"]

# entity_arns(entities) is every ARN listed in an {users, groups, roles} object, users first.
entity_arns(entities) := [arn |
	some kind in entity_kinds
	some arn in as_array(entities[kind])
]

# entity_lists_known(entities) is true when entities is an object whose three lists are arrays,
# so that an empty result means "none" rather than "could not be read".
entity_lists_known(entities) if {
	is_object(entities)
	every kind in entity_kinds {
		is_array(entities[kind])
	}
}
