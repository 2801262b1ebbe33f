// Package azurefake serves a fictional Azure subscription and tenant on 127.0.0.1 through the
// real wire protocols of Azure Resource Manager (JSON, "value" pages with "nextLink",
// {"error":{"code","message"}} answers, 429 with Retry-After) and Microsoft Graph v1.0 ("value"
// pages with "@odata.nextLink"), so that the real azcore pipelines, and therefore the real
// collector, are tested without the internet.
//
// The subscription is seeded from a snapshot (testdata/snapshots/azure-demo*.json): every
// response is rendered from its resources, and its error entries are injected as API failures
// (an entry with operation "Microsoft.Storage:storageAccounts/blobServices/read", a resource id
// and code AuthorizationFailed makes that call for that account answer 403 AuthorizationFailed;
// resource_id "" makes the list call fail). Requests without a bearer token get 401. What is not
// Azure (the seed, injected errors, pages, throttling, latency, the request log) is the
// fake-cloud core of collectors/fakecloud, which Server embeds.
package azurefake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"

	"github.com/incloud/incloud/collectors/fakecloud"
	"github.com/incloud/incloud/pkg/snapshot"
)

// Server is a fake Azure subscription and tenant.
type Server struct {
	*fakecloud.Core
	routes []route

	// vaults are the Key Vault data planes, one loopback server per vault.
	vaults     []*httptest.Server
	vaultURIs  map[string]string
	challenges atomic.Int64
}

type route struct {
	op   string
	path *regexp.Regexp
	// serve answers a request whose path matched; m are the submatches.
	serve func(w http.ResponseWriter, req *http.Request, m []string)
}

// New returns a running fake seeded with snap. Close it when done.
func New(snap *snapshot.Snapshot, opts ...fakecloud.Option) *Server {
	s := &Server{Core: fakecloud.New(snap, opts...), vaultURIs: map[string]string{}}
	s.subscriptionRoutes()
	s.storageRoutes()
	s.graphRoutes()
	s.serviceRoutes()
	s.sqlRoutes()
	s.appServiceRoutes()
	s.networkRoutes()
	s.computeRoutes()
	s.defenderRoutes()
	s.tenantRoutes()
	s.keyVaultRoutes()
	s.Serve(http.HandlerFunc(s.handle))
	return s
}

// Close stops the fake and its vaults' servers.
func (s *Server) Close() {
	for _, v := range s.vaults {
		v.Close()
	}
	s.Core.Close()
}

func (s *Server) add(op, path string, serve func(http.ResponseWriter, *http.Request, []string)) {
	s.routes = append(s.routes, route{op: op, path: regexp.MustCompile("(?i)^" + path + "$"), serve: serve})
}

func (s *Server) handle(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodGet {
		writeError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "the fake serves GET only")
		return
	}
	if !strings.HasPrefix(req.Header.Get("Authorization"), "Bearer ") {
		w.Header().Set("WWW-Authenticate", `Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token"`)
		writeError(w, http.StatusUnauthorized, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.")
		return
	}
	for _, r := range s.routes {
		m := r.path.FindStringSubmatch(req.URL.Path)
		if m == nil {
			continue
		}
		throttled, ok := s.Begin(req.Context(), r.op)
		if !ok {
			return
		}
		if throttled {
			// Azure's millisecond form (azcore prefers it to Retry-After's seconds).
			w.Header().Set("Retry-After-Ms", "1")
			w.Header().Set("Retry-After", "1")
			writeError(w, http.StatusTooManyRequests, "TooManyRequests", "The request is being throttled.")
			return
		}
		r.serve(w, req, m)
		return
	}
	writeError(w, http.StatusNotFound, "NotFound", "the fake does not serve "+req.URL.Path)
}

// injected answers the seed's error for op on resourceID ("" : the list call), reporting
// whether it did.
func (s *Server) injected(w http.ResponseWriter, op, resourceID string) bool {
	e := s.Injected(op, resourceID, "")
	if e == nil && resourceID != "" {
		e = s.Injected(op, resourceID, snapshot.GlobalRegion)
	}
	if e == nil {
		return false
	}
	writeError(w, statusOf(e.Code), e.Code, e.Message)
	return true
}

func statusOf(code string) int {
	switch code {
	case "AuthorizationFailed", "Authorization_RequestDenied", "Forbidden", "LinkedAuthorizationFailed":
		return http.StatusForbidden
	case "MissingSubscriptionRegistration":
		return http.StatusConflict
	case "TooManyRequests":
		return http.StatusTooManyRequests
	case "ResourceNotFound", "NotFound":
		return http.StatusNotFound
	}
	return http.StatusBadRequest
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("x-ms-error-code", code)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"code": code, "message": msg}})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// page writes one page of items as {"value": [...], nextField: url}, the page chosen by the
// request's $skiptoken.
func (s *Server) page(w http.ResponseWriter, req *http.Request, items []any, nextField string) {
	q := req.URL.Query()
	start, end, next := s.Page(len(items), q.Get("$skiptoken"), q.Get("$top"))
	out := map[string]any{"value": items[start:end]}
	if next != "" {
		q.Set("$skiptoken", next)
		u := url.URL{Scheme: "http", Host: req.Host, Path: req.URL.Path, RawQuery: q.Encode()}
		out[nextField] = u.String()
	}
	writeJSON(w, out)
}

// str returns a string attribute, "" when absent or null.
func str(r snapshot.Resource, k string) string { s, _ := r[k].(string); return s }

func obj(v any) map[string]any { m, _ := v.(map[string]any); return m }

func list(v any) []any { l, _ := v.([]any); return l }

// armBase is what every ARM resource carries.
func armBase(r snapshot.Resource, typ string) map[string]any {
	return map[string]any{"id": r.ID(), "name": str(r, "name"), "type": typ, "location": r.Region(), "tags": r["tags"]}
}

func fmtErr(format string, a ...any) string { return fmt.Sprintf(format, a...) }
