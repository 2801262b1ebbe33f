package azurefake

import (
	"net/http"
	"strings"

	"github.com/incloud/incloud/pkg/snapshot"
)

// armList serves a subscription-wide list of typ's resources at path, rendered by render.
func (s *Server) armList(op, path, typ string, render func(snapshot.Resource) map[string]any) {
	s.add(op, path, func(w http.ResponseWriter, req *http.Request, _ []string) {
		if s.injected(w, op, "") {
			return
		}
		items := []any{}
		for _, r := range s.Resources(typ) {
			items = append(items, render(r))
		}
		s.page(w, req, items, "nextLink")
	})
}

// armSub serves a GET below one resource of typ: path's first group is the resource id, the
// others are passed to serve with the resource.
func (s *Server) armSub(op, path, typ string, serve func(http.ResponseWriter, *http.Request, snapshot.Resource, []string)) {
	s.add(op, path, func(w http.ResponseWriter, req *http.Request, m []string) {
		var r snapshot.Resource
		for _, x := range s.Resources(typ) {
			if strings.EqualFold(x.ID(), m[1]) {
				r = x
			}
		}
		if r == nil {
			writeError(w, http.StatusNotFound, "ResourceNotFound", fmtErr("The Resource '%s' was not found.", m[1]))
			return
		}
		if s.injected(w, op, r.ID()) {
			return
		}
		serve(w, req, r, m[2:])
	})
}

func privateEndpoints(v any) []any {
	out := []any{}
	for _, pe := range list(v) {
		p := obj(pe)
		out = append(out, map[string]any{"name": p["name"], "properties": map[string]any{
			"privateLinkServiceConnectionState": map[string]any{"status": p["status"], "description": ""},
		}})
	}
	return out
}

const sub = "/subscriptions/[^/]+"
const rg = sub + "/resourceGroups/[^/]+"
