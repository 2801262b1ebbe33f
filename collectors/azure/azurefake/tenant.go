package azurefake

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/incloud/incloud/pkg/snapshot"
)

// tenantRoute serves a Graph (or tenant-level ARM) GET from the seed's azure_tenant.
func (s *Server) tenantRoute(op, path string, serve func(http.ResponseWriter, *http.Request, snapshot.Resource)) {
	s.add(op, path, func(w http.ResponseWriter, req *http.Request, _ []string) {
		ts := s.Resources("azure_tenant")
		if len(ts) == 0 {
			writeError(w, http.StatusNotFound, "Request_ResourceNotFound", "no tenant in the seed")
			return
		}
		if s.injected(w, op, ts[0].ID()) {
			return
		}
		serve(w, req, ts[0])
	})
}

func (s *Server) tenantRoutes() {
	s.tenantRoute("graph:organization", "/v1\\.0/organization", func(w http.ResponseWriter, req *http.Request, t snapshot.Resource) {
		s.page(w, req, []any{map[string]any{"id": t["tenant_id"], "verifiedDomains": []any{map[string]any{"name": t["name"], "isDefault": true}}}}, "@odata.nextLink")
	})
	s.tenantRoute("graph:policies/identitySecurityDefaultsEnforcementPolicy", "/v1\\.0/policies/identitySecurityDefaultsEnforcementPolicy", func(w http.ResponseWriter, _ *http.Request, t snapshot.Resource) {
		writeJSON(w, map[string]any{"id": "00000000-0000-0000-0000-000000000005", "isEnabled": t["security_defaults_enabled"]})
	})
	s.tenantRoute("graph:policies/authorizationPolicy", "/v1\\.0/policies/authorizationPolicy", func(w http.ResponseWriter, _ *http.Request, t snapshot.Resource) {
		a := obj(t["authorization_policy"])
		writeJSON(w, map[string]any{"id": "authorizationPolicy", "allowInvitesFrom": a["allow_invites_from"], "guestUserRoleId": a["guest_user_role_id"],
			"defaultUserRolePermissions": map[string]any{"allowedToCreateApps": a["allowed_to_create_apps"], "allowedToCreateSecurityGroups": a["allowed_to_create_security_groups"],
				"allowedToCreateTenants": a["allowed_to_create_tenants"], "allowedToReadOtherUsers": true,
				"permissionGrantPoliciesAssigned": a["permission_grant_policies_assigned"]}})
	})
	s.tenantRoute("graph:groupSettings", "/v1\\.0/groupSettings", func(w http.ResponseWriter, req *http.Request, t snapshot.Resource) {
		pw, g := obj(t["password_rule_settings"]), obj(t["group_unified_settings"])
		n := 0
		if c, ok := pw["banned_password_count"].(interface{ Int64() (int64, error) }); ok {
			x, _ := c.Int64()
			n = int(x)
		}
		words := make([]string, n)
		for i := range words {
			words[i] = fmt.Sprintf("banned%d", i)
		}
		items := []any{
			map[string]any{"id": "s1", "displayName": "Password Rule Settings", "templateId": "5cf42378-d67d-4f36-ba46-e8b86229381d", "values": []any{
				map[string]any{"name": "LockoutThreshold", "value": fmt.Sprint(pw["lockout_threshold"])},
				map[string]any{"name": "LockoutDurationInSeconds", "value": fmt.Sprint(pw["lockout_duration_seconds"])},
				map[string]any{"name": "EnableBannedPasswordCheck", "value": titleBool(pw["enable_banned_password_check"])},
				map[string]any{"name": "BannedPasswordList", "value": strings.Join(words, "\t")},
			}},
			map[string]any{"id": "s2", "displayName": "Group.Unified", "templateId": "62375ab9-6b52-47ed-826b-58e47e0e304b", "values": []any{
				map[string]any{"name": "EnableGroupCreation", "value": titleBool(g["enable_group_creation"])},
			}},
		}
		s.page(w, req, items, "@odata.nextLink")
	})
	s.tenantRoute("graph:identity/conditionalAccess/policies", "/v1\\.0/identity/conditionalAccess/policies", func(w http.ResponseWriter, req *http.Request, t snapshot.Resource) {
		var items []any
		for _, x := range list(t["conditional_access_policies"]) {
			items = append(items, caPolicy(obj(x)))
		}
		s.page(w, req, items, "@odata.nextLink")
	})
	s.tenantRoute("graph:identity/conditionalAccess/namedLocations", "/v1\\.0/identity/conditionalAccess/namedLocations", func(w http.ResponseWriter, req *http.Request, t snapshot.Resource) {
		var items []any
		for _, x := range list(t["named_locations"]) {
			l := obj(x)
			item := map[string]any{"id": l["id"], "displayName": l["display_name"]}
			if l["kind"] == "country" {
				item["@odata.type"] = "#microsoft.graph.countryNamedLocation"
				item["countriesAndRegions"] = []any{"KP"}
			} else {
				item["@odata.type"] = "#microsoft.graph.ipNamedLocation"
				item["isTrusted"] = l["is_trusted"]
			}
			items = append(items, item)
		}
		s.page(w, req, items, "@odata.nextLink")
	})
	s.tenantRoute("Microsoft.Subscription:policies/read", "/providers/Microsoft.Subscription/policies/default", func(w http.ResponseWriter, _ *http.Request, t snapshot.Resource) {
		p := obj(t["subscription_policy"])
		writeJSON(w, map[string]any{"name": "default", "properties": map[string]any{"blockSubscriptionsLeavingTenant": p["block_subscriptions_leaving_tenant"],
			"blockSubscriptionsIntoTenant": p["block_subscriptions_into_tenant"], "exemptedPrincipals": []any{}}})
	})
	s.add("graph:directoryRoles", "/v1\\.0/directoryRoles", func(w http.ResponseWriter, req *http.Request, _ []string) {
		if s.injected(w, "graph:directoryRoles", "") {
			return
		}
		var items []any
		for _, r := range s.Resources("azure_entra_directory_role") {
			items = append(items, map[string]any{"id": r["role_template_id"], "displayName": r["name"], "roleTemplateId": r["role_template_id"]})
		}
		s.page(w, req, items, "@odata.nextLink")
	})
	s.add("graph:directoryRoles/members", "/v1\\.0/directoryRoles/([^/]+)/members", func(w http.ResponseWriter, req *http.Request, m []string) {
		for _, r := range s.Resources("azure_entra_directory_role") {
			if r["role_template_id"] != m[1] {
				continue
			}
			if s.injected(w, "graph:directoryRoles/members", r.ID()) {
				return
			}
			var items []any
			for _, x := range list(r["members"]) {
				mm := obj(x)
				item := map[string]any{"@odata.type": "#microsoft.graph." + mm["type"].(string), "id": mm["id"], "displayName": mm["display_name"]}
				if mm["user_type"] != nil {
					item["userType"] = mm["user_type"]
				}
				items = append(items, item)
			}
			s.page(w, req, items, "@odata.nextLink")
			return
		}
		writeError(w, http.StatusNotFound, "Request_ResourceNotFound", "Resource '"+m[1]+"' does not exist.")
	})
}

func titleBool(v any) string {
	if v == true {
		return "True"
	}
	return "False"
}

func caPolicy(p map[string]any) map[string]any {
	cond := map[string]any{
		"users":            map[string]any{"includeUsers": p["include_users"], "excludeUsers": p["exclude_users"], "includeGroups": p["include_groups"], "includeRoles": p["include_roles"], "excludeGroups": []any{}, "excludeRoles": []any{}},
		"applications":     map[string]any{"includeApplications": p["include_applications"], "includeUserActions": p["include_user_actions"], "excludeApplications": []any{}},
		"locations":        map[string]any{"includeLocations": p["include_locations"], "excludeLocations": p["exclude_locations"]},
		"signInRiskLevels": p["sign_in_risk_levels"], "userRiskLevels": p["user_risk_levels"], "clientAppTypes": p["client_app_types"],
		"authenticationFlows": nil,
	}
	var flows []string
	for _, f := range list(p["authentication_flows"]) {
		flows = append(flows, f.(string))
	}
	if len(flows) > 0 {
		cond["authenticationFlows"] = map[string]any{"transferMethods": strings.Join(flows, ",")}
	}
	out := map[string]any{"id": p["id"], "displayName": p["display_name"], "state": p["state"], "conditions": cond, "grantControls": nil}
	if op := p["grant_operator"]; op != nil {
		g := map[string]any{"operator": op, "builtInControls": p["built_in_controls"], "authenticationStrength": nil}
		if st := p["authentication_strength"]; st != nil {
			g["authenticationStrength"] = map[string]any{"id": "00000000-0000-0000-0000-000000000002", "displayName": st}
		}
		out["grantControls"] = g
	}
	return out
}
