package azurefake

import (
	"net/http"
	"strings"
)

const opSubscriptionsRead = "Microsoft.Resources:subscriptions/read"

func (s *Server) subscriptionRoutes() {
	s.add(opSubscriptionsRead, "/subscriptions", func(w http.ResponseWriter, req *http.Request, _ []string) {
		s.page(w, req, []any{s.subscription()}, "nextLink")
	})
	s.add(opSubscriptionsRead, "/subscriptions/([^/]+)", func(w http.ResponseWriter, _ *http.Request, m []string) {
		if !strings.EqualFold(m[1], s.Account()) {
			writeError(w, http.StatusNotFound, "SubscriptionNotFound", fmtErr("The subscription '%s' could not be found.", m[1]))
			return
		}
		writeJSON(w, s.subscription())
	})
}

// subscription renders the seed's subscription (its azure_subscription resource when there is
// one, else the snapshot's account and the tenant of its azure_tenant).
func (s *Server) subscription() map[string]any {
	out := map[string]any{"id": "/subscriptions/" + s.Account(), "subscriptionId": s.Account(), "displayName": s.Account(), "state": "Enabled", "tenantId": ""}
	if subs := s.Resources("azure_subscription"); len(subs) > 0 {
		r := subs[0]
		out["displayName"], out["state"], out["tenantId"], out["tags"] = str(r, "name"), str(r, "state"), str(r, "tenant_id"), r["tags"]
	}
	if out["tenantId"] == "" {
		if ts := s.Resources("azure_tenant"); len(ts) > 0 {
			out["tenantId"] = str(ts[0], "tenant_id")
		}
	}
	if out["tenantId"] == "" {
		for _, u := range s.Resources("azure_entra_user") {
			// /tenants/<tid>/users/<oid>
			if parts := strings.Split(u.ID(), "/"); len(parts) > 2 {
				out["tenantId"] = parts[2]
				break
			}
		}
	}
	return out
}
