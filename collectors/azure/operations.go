package azure

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/incloud/incloud/collectors/collection"
)

// ops is the Azure operation registry: every request the collector can send is one of these.
var ops = collection.NewOperations(isReadOnly)

// isReadOnly is the Azure read-only rule: an ARM or Key Vault data-plane permission that reads
// (".../read", or Key Vault's ".../readMetadata/action", which lists secrets' attributes without
// their values), or a Microsoft Graph application permission that reads (*.Read.All,
// RoleManagement.Read.Directory; never *.ReadWrite.*).
func isReadOnly(op collection.Operation) bool {
	p := op.Permission
	switch {
	case op.Service == graphService:
		// Graph read permissions: *.Read.All, RoleManagement.Read.Directory.
		return strings.Contains(p, ".Read.") && !strings.Contains(p, "ReadWrite")
	case strings.HasSuffix(p, "/listKeys/action"), strings.HasSuffix(p, "/register/action"):
		return false
	default:
		return strings.HasSuffix(p, "/read") || strings.HasSuffix(p, "/secrets/readMetadata/action")
	}
}

// graphService is the service of Microsoft Graph operations.
const graphService = "graph"

// route maps a request path to its operation, for the request guard.
type route struct {
	op   *collection.Operation
	path *regexp.Regexp
}

var routes []route

// registerARM records an ARM GET: service is the resource provider namespace
// ("Microsoft.Storage"), action the permission without the namespace ("storageAccounts/read"),
// path a regular expression matching the request path (query excluded).
func registerARM(service, action, path string) *collection.Operation {
	op := ops.Register(service, action, service+"/"+action)
	routes = append(routes, route{op: op, path: regexp.MustCompile("(?i)^" + path + "$")})
	return op
}

// addRoute lets op also serve requests matching path (a list and a get needing one permission).
func addRoute(op *collection.Operation, path string) {
	routes = append(routes, route{op: op, path: regexp.MustCompile("(?i)^" + path + "$")})
}

// registerGraph records a Microsoft Graph v1.0 GET of path ("users") needing permission.
func registerGraph(path, permission string) *collection.Operation {
	op := ops.Register(graphService, path, permission)
	routes = append(routes, route{op: op, path: regexp.MustCompile("^/v1\\.0/" + regexp.QuoteMeta(path) + "$")})
	return op
}

// registerGraphPattern is registerGraph for a path with variable parts: action names it
// ("directoryRoles/members"), pattern matches it below /v1.0/.
func registerGraphPattern(action, pattern, permission string) *collection.Operation {
	op := ops.Register(graphService, action, permission)
	routes = append(routes, route{op: op, path: regexp.MustCompile("^/v1\\.0/" + pattern + "$")})
	return op
}

// operationFor returns the registered operation a request is for, nil when none matches.
func operationFor(req *http.Request) *collection.Operation {
	for _, r := range routes {
		if r.path.MatchString(req.URL.Path) {
			return r.op
		}
	}
	return nil
}

// guard is the transport every client sends through: it lets a request out only when it is a
// GET for a registered operation, made inside a Run.Call for exactly that operation. Token
// requests go through the credential's own pipeline, not this one.
type guard struct {
	next *http.Client
}

// Do implements policy.Transporter.
func (g guard) Do(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet {
		return nil, fmt.Errorf("incloud refuses to send %s %s: the Azure collector only reads", req.Method, req.URL.Path)
	}
	if err := collection.CheckCall(req.Context(), operationFor(req), "GET "+req.URL.Path); err != nil {
		return nil, err
	}
	return g.next.Do(req)
}

// Operations returns every registered operation, for the tests and `incloud permissions azure`.
func Operations() []collection.Operation { return ops.All() }

// IsReadOnly applies the Azure read-only rule.
func IsReadOnly(op collection.Operation) bool { return isReadOnly(op) }

// Role is what the collector's identity needs: a custom Azure role (the JSON that
// `az role definition create --role-definition` reads) with exactly the ARM read actions and
// Key Vault data actions the collector uses, where to assign it, and the Microsoft Graph
// application permissions.
type Role struct {
	RoleDefinition   RoleDefinition `json:"role_definition"`
	Assignment       Assignment     `json:"assignment"`
	GraphPermissions []string       `json:"graph_application_permissions"`
}

// Assignment says where to assign the role and how.
type Assignment struct {
	Scope    string   `json:"scope"`
	Commands []string `json:"commands"`
	Notes    []string `json:"notes"`
}

// RoleDefinition is an Azure custom role definition.
type RoleDefinition struct {
	Name             string   `json:"Name"`
	IsCustom         bool     `json:"IsCustom"`
	Description      string   `json:"Description"`
	Actions          []string `json:"Actions"`
	NotActions       []string `json:"NotActions"`
	DataActions      []string `json:"DataActions"`
	NotDataActions   []string `json:"NotDataActions"`
	AssignableScopes []string `json:"AssignableScopes"`
}

const (
	// subscriptionScope and managementGroupScope are the scopes to assign the role at, the ids
	// placeholders.
	subscriptionScope    = "/subscriptions/{subscription-id}"
	managementGroupScope = "/providers/Microsoft.Management/managementGroups/{management-group-id}"
	defaultRoleName      = "incloud auditor"
	placeholderPrincipal = "{principal-object-id}"
)

// isFleetPermission says whether a permission serves only fleet mode's listing (the
// subscriptions below a management group): granted on a management group, never needed to
// audit one subscription.
func isFleetPermission(p string) bool { return p == opManagementGroupDescendants.Permission }

// MinimalRole returns the least-privilege role to audit one subscription: every registered
// operation's permission but fleet mode's management group listing, assignable on the
// subscription.
func MinimalRole() Role {
	role := newRole(defaultRoleName, subscriptionScope, false)
	role.Assignment.Commands = []string{
		"az role definition create --role-definition role.json",
		`az role assignment create --assignee ` + placeholderPrincipal + ` --role "` + defaultRoleName + `" --scope ` + subscriptionScope,
	}
	role.Assignment.Notes = []string{
		"role.json is role_definition with the subscription id filled in.",
		"To audit every subscription the credential sees, or those below --management-group: `incloud permissions azure --organization`, " +
			"the same role assignable and assigned once on a management group, plus the listing of its subscriptions.",
		graphNote,
	}
	return role
}

// OrganizationRole returns the role of fleet mode, named name ("" : incloud auditor), assigned to
// principal ("" : a placeholder): MinimalRole's permissions and the listing of a management
// group's subscriptions, assignable on a management group; assigned there, it reaches every
// subscription below.
func OrganizationRole(name, principal string) Role {
	if name == "" {
		name = defaultRoleName
	}
	if principal == "" {
		principal = placeholderPrincipal
	}
	role := newRole(name, managementGroupScope, true)
	role.Assignment.Commands = []string{
		"az role definition create --role-definition role.json",
		fmt.Sprintf("az role assignment create --assignee %s --role %q --scope %s", principal, name, managementGroupScope),
	}
	var fleet []string
	for _, op := range ops.All() {
		if isFleetPermission(op.Permission) {
			fleet = appendOnce(fleet, op.Permission)
		}
	}
	role.Assignment.Notes = []string{
		"role.json is role_definition with the management group id filled in.",
		"Assign it on the management group to audit (the tenant root group for the whole tenant): every subscription below inherits it. " +
			"Without --management-group, incloud audits the subscriptions the credential sees, which the assignment decides.",
		strings.Join(fleet, ", ") + " lists the subscriptions below --management-group; it must be granted on the group itself.",
		"Azure accepts DataActions in a custom role assignable on a management group only where that preview is available; otherwise " +
			"move DataActions (the Key Vault metadata) into a second custom role assigned on each subscription.",
		"--accounts with subscription ids and no --management-group lists no group: the role of `incloud permissions azure` on each subscription is enough.",
		graphNote,
	}
	return role
}

const graphNote = "Graph application permissions are tenant-wide: grant them once (with admin consent), whatever the number of subscriptions."

// newRole returns the role with every registered operation's permission (fleet mode's listing
// only when fleet), assignable at scope.
func newRole(name, scope string, fleet bool) Role {
	role := Role{RoleDefinition: RoleDefinition{
		Name:             name,
		IsCustom:         true,
		Description:      "Read-only access for incloud: the */read actions its Azure collector calls, nothing that returns keys or secret values.",
		Actions:          []string{},
		NotActions:       []string{},
		DataActions:      []string{},
		NotDataActions:   []string{},
		AssignableScopes: []string{scope},
	}, Assignment: Assignment{Scope: scope}, GraphPermissions: []string{}}
	for _, op := range ops.All() {
		switch {
		case op.Service == graphService:
			role.GraphPermissions = appendOnce(role.GraphPermissions, op.Permission)
		case op.Service == keyVaultDataService:
			role.RoleDefinition.DataActions = appendOnce(role.RoleDefinition.DataActions, op.Permission)
		case isFleetPermission(op.Permission) && !fleet:
		default:
			role.RoleDefinition.Actions = appendOnce(role.RoleDefinition.Actions, op.Permission)
		}
	}
	sort.Strings(role.RoleDefinition.Actions)
	sort.Strings(role.RoleDefinition.DataActions)
	sort.Strings(role.GraphPermissions)
	return role
}

// keyVaultDataService is the service of Key Vault data-plane operations.
const keyVaultDataService = "keyvault"

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
