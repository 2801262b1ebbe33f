package azurefake

import (
	"net/http"
	"strings"
)

const (
	opGraphUsers                   = "graph:users"
	opGraphUserRegistrationDetails = "graph:reports/authenticationMethods/userRegistrationDetails"
)

func (s *Server) graphRoutes() {
	s.add(opGraphUsers, "/v1\\.0/users", func(w http.ResponseWriter, req *http.Request, _ []string) {
		if s.injected(w, opGraphUsers, "") {
			return
		}
		var items []any
		for _, u := range s.Resources("azure_entra_user") {
			items = append(items, map[string]any{"id": objectID(u.ID()), "userPrincipalName": u["user_principal_name"],
				"userType": u["user_type"], "accountEnabled": u["account_enabled"]})
		}
		s.page(w, req, items, "@odata.nextLink")
	})
	s.add(opGraphUserRegistrationDetails, "/v1\\.0/reports/authenticationMethods/userRegistrationDetails", func(w http.ResponseWriter, req *http.Request, _ []string) {
		if s.injected(w, opGraphUserRegistrationDetails, "") {
			return
		}
		var items []any
		for _, u := range s.Resources("azure_entra_user") {
			if u["mfa_registered"] == nil {
				continue // not in the report (the seed has an error entry for this user)
			}
			items = append(items, map[string]any{"id": objectID(u.ID()), "userPrincipalName": u["user_principal_name"],
				"isAdmin": u["is_admin"], "isMfaRegistered": u["mfa_registered"], "isMfaCapable": u["mfa_registered"],
				"methodsRegistered": u["methods_registered"], "userType": strings.ToLower(str(u, "user_type"))})
		}
		s.page(w, req, items, "@odata.nextLink")
	})
}

// objectID is the Graph object id of a /tenants/<tid>/users/<oid> resource id.
func objectID(id string) string { return id[strings.LastIndex(id, "/")+1:] }
