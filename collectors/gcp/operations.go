package gcp

import (
	"strings"

	"github.com/incloud/incloud/collectors/collection"
)

// ops is the GCP operation registry: every API method the collector may call, registered with
// its route (transport.go) by the service files.
var ops = collection.NewOperations(isReadOnly)

// readMethods are the method names (the last part of an action) that only read.
var readMethods = []string{"get", "list", "aggregatedList", "getIamPolicy", "testIamPermissions", "search"}

// secretMethods return secret material and are never allowed, whatever their name says.
var secretMethods = map[string]bool{"keys.getKeyString": true}

// isReadOnly is the GCP read-only rule: the method (the part of the action after its last dot)
// starts with a read verb (get, list, aggregatedList, getIamPolicy, testIamPermissions,
// search), the permission is a get, list or getIamPolicy permission, and the method returns no
// secret (apikeys keys.getKeyString).
func isReadOnly(op collection.Operation) bool {
	if secretMethods[op.Action] {
		return false
	}
	method := op.Action[strings.LastIndex(op.Action, ".")+1:]
	read := false
	for _, m := range readMethods {
		if method == m || strings.HasPrefix(method, m) && method[len(m)] >= 'A' && method[len(m)] <= 'Z' {
			read = true
		}
	}
	perm := op.Permission[strings.LastIndex(op.Permission, ".")+1:]
	return read && (perm == "get" || perm == "list" || perm == "getIamPolicy" || strings.HasPrefix(perm, "get") || strings.HasPrefix(perm, "list"))
}

// Operations returns every operation the collector may call, sorted by name.
func Operations() []collection.Operation { return ops.All() }

// Permissions returns the IAM permissions of one project's collection, sorted: every
// operation's but fleet mode's listing of folders and projects (FleetPermissions), which is
// granted on an organization or folder, not in a project.
func Permissions() []string {
	var out []string
	for _, p := range ops.Permissions() {
		if !isFleetPermission(p) {
			out = append(out, p)
		}
	}
	return out
}

// FleetPermissions returns the permissions fleet mode adds to Permissions (listing the folders
// and projects below an organization or folder), sorted.
func FleetPermissions() []string {
	var out []string
	for _, p := range ops.Permissions() {
		if isFleetPermission(p) {
			out = append(out, p)
		}
	}
	return out
}
