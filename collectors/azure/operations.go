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
// Key Vault data actions the collector uses, and the Microsoft Graph application permissions.
type Role struct {
	RoleDefinition   RoleDefinition `json:"role_definition"`
	Assignment       Assignment     `json:"assignment"`
	GraphPermissions []string       `json:"graph_application_permissions"`
}

// Assignment says where to assign the role: on the subscription to audit it alone, or, to audit
// every subscription the credential sees or those below --management-group, once on the
// management group (its subscriptions inherit the assignment; the group must then be in the
// role's AssignableScopes).
type Assignment struct {
	Subscription    string   `json:"subscription"`
	ManagementGroup string   `json:"management_group"`
	Notes           []string `json:"notes"`
}

// managementGroupScope is the scope of a management group, the id a placeholder.
const managementGroupScope = "/providers/Microsoft.Management/managementGroups/{management-group-id}"

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

// MinimalRole returns the least-privilege role for every registered operation.
func MinimalRole() Role {
	role := Role{RoleDefinition: RoleDefinition{
		Name:             "incloud auditor",
		IsCustom:         true,
		Description:      "Read-only access for incloud: the */read actions its Azure collector calls, nothing that returns keys or secret values.",
		Actions:          []string{},
		NotActions:       []string{},
		DataActions:      []string{},
		NotDataActions:   []string{},
		AssignableScopes: []string{"/subscriptions/{subscription-id}"},
	}, GraphPermissions: []string{}, Assignment: Assignment{
		Subscription:    "/subscriptions/{subscription-id}",
		ManagementGroup: managementGroupScope,
		Notes: []string{
			"One subscription (--subscription): assign the role on the subscription.",
			"Every subscription the credential sees, or --management-group ID: put " + managementGroupScope +
				" in AssignableScopes and assign the role on that management group (the tenant root group for a whole tenant); its subscriptions inherit it. " +
				opManagementGroupDescendants.Permission + " is used only by --management-group.",
			"Azure accepts DataActions in a custom role assignable on a management group only where that preview is available; otherwise " +
				"move DataActions (the Key Vault metadata) into a second custom role, assignable on and assigned to each subscription.",
			"Graph application permissions are tenant-wide: grant them once, whatever the number of subscriptions.",
		},
	}}
	for _, op := range ops.All() {
		switch {
		case op.Service == graphService:
			role.GraphPermissions = appendOnce(role.GraphPermissions, op.Permission)
		case op.Service == keyVaultDataService:
			role.RoleDefinition.DataActions = appendOnce(role.RoleDefinition.DataActions, op.Permission)
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
