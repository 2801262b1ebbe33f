// Package gcpfake is a fake Google Cloud project for the GCP collector's tests: the
// provider-neutral fakecloud core (seeded from a snapshot, small pages, injected errors,
// throttling, latency, request log) behind Google's REST wire format. Every API is served on one
// loopback server under a first path segment naming the API's host
// (/storage.googleapis.com/storage/v1/b), which is where the collector's test endpoint sends it.
//
// Injected errors are rendered as Google renders them: SERVICE_DISABLED as a 403 whose details
// carry an ErrorInfo with that reason, PERMISSION_DENIED as a 403 (Cloud Storage's shape, with
// errors[].reason "forbidden"), the core's throttling as 429 RESOURCE_EXHAUSTED on lists and
// 503 UNAVAILABLE on single reads; lists are paged with pageToken / nextPageToken.
package gcpfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/incloud/incloud/collectors/fakecloud"
	"github.com/incloud/incloud/pkg/snapshot"
)

// Server is a running fake project.
type Server struct {
	*fakecloud.Core
	routes []route
}

type route struct {
	host, method string
	path         *regexp.Regexp
	op           string
	handle       func(w http.ResponseWriter, req *http.Request, m []string)
}

// New starts a fake project serving snap.
func New(snap *snapshot.Snapshot, opts ...fakecloud.Option) *Server {
	s := &Server{Core: fakecloud.New(snap, opts...)}
	s.resourceManager()
	s.serviceUsage()
	s.storage()
	s.dns()
	s.compute()
	s.computeResources()
	s.kms()
	s.sql()
	s.bigquery()
	s.dataproc()
	s.iam()
	s.essentialContacts()
	s.accessApproval()
	s.apiKeys()
	s.logging()
	s.monitoring()
	s.Serve(s)
	return s
}

// handle registers the handler of an operation (service:method as the snapshot names it).
func (s *Server) handle(host, method, pattern, op string, h func(w http.ResponseWriter, req *http.Request, m []string)) {
	s.routes = append(s.routes, route{host: host, method: method, path: regexp.MustCompile("^" + pattern + "$"), op: op, handle: h})
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	host, path, _ := strings.Cut(strings.TrimPrefix(req.URL.Path, "/"), "/")
	path = "/" + path
	for _, rt := range s.routes {
		if rt.host != host || rt.method != req.Method {
			continue
		}
		m := rt.path.FindStringSubmatch(path)
		if m == nil {
			continue
		}
		throttled, ok := s.Begin(req.Context(), rt.op)
		if !ok {
			return
		}
		if throttled {
			// Lists are throttled as Google throttles (429); single reads fail as a backend does
			// now and then (503). Both are transient: the collector retries them.
			if strings.Contains(rt.op, ".list") || strings.Contains(rt.op, ".aggregatedList") {
				writeError(w, http.StatusTooManyRequests, map[string]any{"code": 429, "status": "RESOURCE_EXHAUSTED",
					"message": "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service '" + host + "'."})
			} else {
				writeError(w, http.StatusServiceUnavailable, map[string]any{"code": 503, "status": "UNAVAILABLE",
					"message": "The service is currently unavailable."})
			}
			return
		}
		rt.handle(w, req, m)
		return
	}
	writeError(w, http.StatusNotFound, map[string]any{"code": 404, "status": "NOT_FOUND", "message": "fake GCP: no such method: " + req.Method + " " + req.URL.Path})
}

// injected answers a call with its seeded error entry and reports whether it did.
func (s *Server) injected(w http.ResponseWriter, op, id, region string) bool {
	e := s.Injected(op, id, region)
	if e == nil {
		return false
	}
	switch e.Code {
	case "SERVICE_DISABLED":
		api := strings.SplitN(op, ":", 2)[0] + ".googleapis.com"
		writeError(w, http.StatusForbidden, map[string]any{"code": 403, "status": "PERMISSION_DENIED", "message": e.Message,
			"details": []any{map[string]any{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "SERVICE_DISABLED",
				"domain": "googleapis.com", "metadata": map[string]any{"service": api, "consumer": "projects/" + s.number()}}}})
	case "PERMISSION_DENIED":
		writeError(w, http.StatusForbidden, map[string]any{"code": 403, "message": e.Message,
			"errors": []any{map[string]any{"message": e.Message, "domain": "global", "reason": "forbidden"}}})
	case "NOT_FOUND":
		writeError(w, http.StatusNotFound, map[string]any{"code": 404, "status": "NOT_FOUND", "message": e.Message})
	default:
		writeError(w, http.StatusBadRequest, map[string]any{"code": 400, "status": e.Code, "message": e.Message})
	}
	return true
}

func writeError(w http.ResponseWriter, status int, body map[string]any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": body})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	_ = json.NewEncoder(w).Encode(v)
}

// page answers a list call with one page of items under key.
func (s *Server) page(w http.ResponseWriter, req *http.Request, key string, items []any, maxParam string) {
	start, end, next := s.Page(len(items), req.URL.Query().Get("pageToken"), req.URL.Query().Get(maxParam))
	out := map[string]any{key: items[start:end]}
	if next != "" {
		out["nextPageToken"] = next
	}
	writeJSON(w, out)
}

// project is the seed's gcp_project.
func (s *Server) project() snapshot.Resource {
	if ps := s.Resources("gcp_project"); len(ps) > 0 {
		return ps[0]
	}
	return snapshot.Resource{}
}

func (s *Server) number() string { return str(s.project()["project_number"]) }

func str(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// list returns v as a list (nil: empty).
func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// iamPolicy renders a snapshot IAM policy ({bindings, audit_configs}) as Google's Policy.
func iamPolicy(p map[string]any) map[string]any {
	bindings := []any{}
	for _, b := range list(p["bindings"]) {
		bm := obj(b)
		out := map[string]any{"role": bm["role"], "members": bm["members"]}
		if c := obj(bm["condition"]); c != nil {
			out["condition"] = map[string]any{"title": c["title"], "expression": c["expression"]}
		}
		bindings = append(bindings, out)
	}
	out := map[string]any{"version": 3, "etag": "BwYfake=", "bindings": bindings}
	if ac, ok := p["audit_configs"]; ok {
		configs := []any{}
		for _, a := range list(ac) {
			am := obj(a)
			logs := []any{}
			for _, c := range list(am["audit_log_configs"]) {
				cm := obj(c)
				l := map[string]any{"logType": cm["log_type"]}
				if len(list(cm["exempted_members"])) > 0 {
					l["exemptedMembers"] = cm["exempted_members"]
				}
				logs = append(logs, l)
			}
			configs = append(configs, map[string]any{"service": am["service"], "auditLogConfigs": logs})
		}
		out["auditConfigs"] = configs
	}
	return out
}
