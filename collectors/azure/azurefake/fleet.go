package azurefake

import (
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/incloud/incloud/collectors/fakecloud"
	"github.com/incloud/incloud/pkg/snapshot"
)

// Fleet is a fake Azure tenant of several subscriptions on one loopback endpoint, as fleet mode
// sees it: GET /subscriptions lists them (small pages with nextLink), a management group tree
// answers GET .../managementGroups/{id}/descendants (every group and subscription below, at any
// depth, paged), each subscription's own requests reach its own Server (its own data), and
// Microsoft Graph (tenant-wide) reaches the Tenant server. The tenant-level calls are counted in
// the Fleet's own request log.
type Fleet struct {
	*fakecloud.Core
	tenant *Server
	subs   []FleetSubscription
	groups []ManagementGroup
}

// FleetSubscription is one subscription of a fake tenant.
type FleetSubscription struct {
	ID, Name string
	// State is Enabled, Warned, PastDue, Disabled or Deleted.
	State string
	// Group is the id of the management group it sits in ("": none the fake serves).
	Group string
	// Server serves the subscription's own data (its seed's account is ID). Nil: every request
	// about the subscription, its own GET included, answers 403 AuthorizationFailed (the
	// credential sees it listed but holds no role on it).
	Server *Server
}

// ManagementGroup is one group of the tree; Parent is its parent's id ("" for the root).
type ManagementGroup struct {
	ID, Name, Parent string
}

const (
	opDescendants         = "Microsoft.Management:managementGroups/descendants/read"
	managementGroupPrefix = "/providers/Microsoft.Management/managementGroups/"
)

var (
	descendantsPath  = regexp.MustCompile(`(?i)^/providers/Microsoft\.Management/managementGroups/([^/]+)/descendants$`)
	subscriptionPath = regexp.MustCompile(`(?i)^/subscriptions/([^/]+)(/.*)?$`)
)

// NewFleet serves subs and the management group tree groups, with tenant answering Microsoft
// Graph. The servers are the Fleet's: Close closes them. Options apply to the tenant-level
// calls (the listing's page size, throttling, latency).
func NewFleet(tenant *Server, groups []ManagementGroup, subs []FleetSubscription, opts ...fakecloud.Option) *Fleet {
	f := &Fleet{Core: fakecloud.New(snapshot.New("azure", "tenant", time.Unix(0, 0).UTC()), opts...), tenant: tenant, subs: subs, groups: groups}
	f.Serve(http.HandlerFunc(f.handle))
	return f
}

// Tenant is the server answering Microsoft Graph.
func (f *Fleet) Tenant() *Server { return f.tenant }

// Close stops the fleet's endpoint and every subscription's server.
func (f *Fleet) Close() {
	f.Core.Close()
	f.tenant.Close()
	for _, s := range f.subs {
		if s.Server != nil && s.Server != f.tenant {
			s.Server.Close()
		}
	}
}

func (f *Fleet) handle(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodGet {
		writeError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "the fake serves GET only")
		return
	}
	if !strings.HasPrefix(req.Header.Get("Authorization"), "Bearer ") {
		writeError(w, http.StatusUnauthorized, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.")
		return
	}
	p := req.URL.Path
	switch {
	case strings.EqualFold(p, "/subscriptions"):
		if f.begin(w, req, opSubscriptionsRead) {
			f.listSubscriptions(w, req)
		}
	case descendantsPath.MatchString(p):
		if f.begin(w, req, opDescendants) {
			f.descendants(w, req, descendantsPath.FindStringSubmatch(p)[1])
		}
	case subscriptionPath.MatchString(p):
		id := subscriptionPath.FindStringSubmatch(p)[1]
		s := f.subscription(id)
		switch {
		case s == nil:
			writeError(w, http.StatusNotFound, "SubscriptionNotFound", fmtErr("The subscription '%s' could not be found.", id))
		case s.Server == nil:
			writeError(w, http.StatusForbidden, "AuthorizationFailed", fmtErr("The client 'incloud-auditor' does not have authorization to perform action "+
				"'Microsoft.Resources/subscriptions/read' over scope '/subscriptions/%s' or the scope is invalid.", s.ID))
		default:
			s.Server.handle(w, req)
		}
	default:
		f.tenant.handle(w, req)
	}
}

// begin logs a tenant-level request, reporting whether to answer it (a throttled attempt gets
// its 429 here).
func (f *Fleet) begin(w http.ResponseWriter, req *http.Request, op string) bool {
	throttled, ok := f.Begin(req.Context(), op)
	if !ok {
		return false
	}
	if throttled {
		w.Header().Set("Retry-After-Ms", "1")
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusTooManyRequests, "TooManyRequests", "The request is being throttled.")
		return false
	}
	return true
}

func (f *Fleet) subscription(id string) *FleetSubscription {
	for i := range f.subs {
		if strings.EqualFold(f.subs[i].ID, id) {
			return &f.subs[i]
		}
	}
	return nil
}

func (f *Fleet) listSubscriptions(w http.ResponseWriter, req *http.Request) {
	items := []any{}
	for _, s := range f.subs {
		out := map[string]any{"id": "/subscriptions/" + s.ID, "subscriptionId": s.ID, "displayName": s.Name, "state": s.State, "tenantId": ""}
		if s.Server != nil {
			out = s.Server.subscription()
			out["displayName"], out["state"] = s.Name, s.State
		}
		items = append(items, out)
	}
	f.pageOf(w, req, items)
}

// descendants answers every group and subscription below group id, parents before children.
func (f *Fleet) descendants(w http.ResponseWriter, req *http.Request, id string) {
	known := false
	for _, g := range f.groups {
		known = known || strings.EqualFold(g.ID, id)
	}
	if !known {
		writeError(w, http.StatusForbidden, "AuthorizationFailed", fmtErr("The client 'incloud-auditor' does not have authorization to perform action "+
			"'Microsoft.Management/managementGroups/descendants/read' over scope '%s%s' or the scope is invalid.", managementGroupPrefix, id))
		return
	}
	items := []any{}
	entry := func(id, typ, name, displayName, parent string) map[string]any {
		return map[string]any{"id": id, "type": typ, "name": name, "properties": map[string]any{
			"displayName": displayName, "parent": map[string]any{"id": managementGroupPrefix + parent}}}
	}
	queue := []string{id}
	for len(queue) > 0 {
		parent := queue[0]
		queue = queue[1:]
		for _, g := range f.groups {
			if strings.EqualFold(g.Parent, parent) {
				items = append(items, entry(managementGroupPrefix+g.ID, "Microsoft.Management/managementGroups", g.ID, g.Name, parent))
				queue = append(queue, g.ID)
			}
		}
		for _, s := range f.subs {
			if strings.EqualFold(s.Group, parent) {
				items = append(items, entry("/subscriptions/"+s.ID, "Microsoft.Management/managementGroups/subscriptions", s.ID, s.Name, parent))
			}
		}
	}
	f.pageOf(w, req, items)
}

// pageOf is Server.page with the Fleet's page size.
func (f *Fleet) pageOf(w http.ResponseWriter, req *http.Request, items []any) {
	(&Server{Core: f.Core}).page(w, req, items, "nextLink")
}
