package azurefake

import (
	"net/http"
	"strings"

	"github.com/incloud/incloud/pkg/snapshot"
)

// subRoute serves a GET below the subscription from its azure_subscription resource.
func (s *Server) subRoute(op, path string, serve func(http.ResponseWriter, *http.Request, snapshot.Resource)) {
	s.add(op, sub+path, func(w http.ResponseWriter, req *http.Request, _ []string) {
		subs := s.Resources("azure_subscription")
		if len(subs) == 0 {
			writeError(w, http.StatusNotFound, "NotFound", "no subscription resource in the seed")
			return
		}
		if s.injected(w, op, subs[0].ID()) {
			return
		}
		serve(w, req, subs[0])
	})
}

// idList serves a list of ARM resources with just their ids.
func (s *Server) idList(w http.ResponseWriter, req *http.Request, ids any) {
	items := []any{}
	for _, id := range list(ids) {
		items = append(items, map[string]any{"id": id, "name": objectID(id.(string))})
	}
	s.page(w, req, items, "nextLink")
}

func (s *Server) defenderRoutes() {
	s.subRoute("Microsoft.Security:pricings/read", "/providers/Microsoft.Security/pricings", func(w http.ResponseWriter, req *http.Request, r snapshot.Resource) {
		items := []any{}
		for _, x := range list(r["defender_plans"]) {
			p := obj(x)
			exts := []any{}
			for _, e := range list(p["extensions"]) {
				m := obj(e)
				enabled := "False"
				if m["is_enabled"] == true {
					enabled = "True"
				}
				exts = append(exts, map[string]any{"name": m["name"], "isEnabled": enabled})
			}
			props := map[string]any{"pricingTier": p["pricing_tier"], "extensions": exts}
			if p["sub_plan"] != nil {
				props["subPlan"] = p["sub_plan"]
			}
			items = append(items, map[string]any{"name": p["name"], "properties": props})
		}
		writeJSON(w, map[string]any{"value": items}) // pricings are not paged
	})
	s.subRoute("Microsoft.Security:autoProvisioningSettings/read", "/providers/Microsoft.Security/autoProvisioningSettings/default", func(w http.ResponseWriter, _ *http.Request, r snapshot.Resource) {
		if r["auto_provisioning"] == nil {
			writeError(w, http.StatusNotFound, "NotFound", "auto provisioning setting not found")
			return
		}
		writeJSON(w, map[string]any{"name": "default", "properties": map[string]any{"autoProvision": r["auto_provisioning"]}})
	})
	s.subRoute("Microsoft.Security:settings/read", "/providers/Microsoft.Security/settings", func(w http.ResponseWriter, req *http.Request, r snapshot.Resource) {
		items := []any{}
		for _, x := range list(r["security_settings"]) {
			m := obj(x)
			items = append(items, map[string]any{"name": m["name"], "kind": "DataExportSettings", "properties": map[string]any{"enabled": m["enabled"]}})
		}
		s.page(w, req, items, "nextLink")
	})
	s.subRoute("Microsoft.Security:serverVulnerabilityAssessmentsSettings/read", "/providers/Microsoft.Security/serverVulnerabilityAssessmentsSettings", func(w http.ResponseWriter, req *http.Request, r snapshot.Resource) {
		items := []any{}
		if p := r["server_vulnerability_assessment_provider"]; p != nil {
			items = append(items, map[string]any{"name": "AzureServersSetting", "kind": "AzureServersSetting", "properties": map[string]any{"selectedProvider": p}})
		}
		s.page(w, req, items, "nextLink")
	})
	s.subRoute("Microsoft.Security:securityContacts/read", "/providers/Microsoft.Security/securityContacts", func(w http.ResponseWriter, req *http.Request, r snapshot.Resource) {
		items := []any{}
		for _, x := range list(r["security_contacts"]) {
			c := obj(x)
			var emails []string
			for _, e := range list(c["emails"]) {
				emails = append(emails, e.(string))
			}
			sources := []any{}
			if sev := c["alert_minimal_severity"]; sev != nil {
				sources = append(sources, map[string]any{"sourceType": "Alert", "minimalSeverity": sev})
			}
			items = append(items, map[string]any{"name": c["name"], "properties": map[string]any{"emails": strings.Join(emails, ";"), "isEnabled": true,
				"notificationsByRole": map[string]any{"state": c["notify_roles_state"], "roles": c["notify_roles"]}, "notificationsSources": sources}})
		}
		s.page(w, req, items, "nextLink")
	})
	s.subRoute("Microsoft.Authorization:policyAssignments/read", "/providers/Microsoft.Authorization/policyAssignments/SecurityCenterBuiltIn", func(w http.ResponseWriter, _ *http.Request, r snapshot.Resource) {
		a := obj(r["security_benchmark_assignment"])
		if a == nil {
			writeError(w, http.StatusNotFound, "PolicyAssignmentNotFound", "The policy assignment 'SecurityCenterBuiltIn' is not found.")
			return
		}
		params := map[string]any{"someAuditedPolicyEffect": map[string]any{"value": "AuditIfNotExists"}}
		for _, p := range list(a["disabled_policies"]) {
			params[p.(string)] = map[string]any{"value": "Disabled"}
		}
		writeJSON(w, map[string]any{"id": a["id"], "name": "SecurityCenterBuiltIn", "properties": map[string]any{"enforcementMode": a["enforcement_mode"], "parameters": params}})
	})
	s.subRoute("Microsoft.Easm:workspaces/read", "/providers/Microsoft.Easm/workspaces", func(w http.ResponseWriter, req *http.Request, r snapshot.Resource) {
		s.idList(w, req, r["easm_workspaces"])
	})
	s.subRoute("Microsoft.Insights:diagnosticSettings/read", "/providers/Microsoft.Insights/diagnosticSettings", func(w http.ResponseWriter, req *http.Request, r snapshot.Resource) {
		s.page(w, req, diagnosticSettings(r["activity_log_diagnostic_settings"]), "nextLink")
	})
	s.subRoute("Microsoft.Insights:components/read", "/providers/Microsoft.Insights/components", func(w http.ResponseWriter, req *http.Request, r snapshot.Resource) {
		s.idList(w, req, r["application_insights_components"])
	})
	s.subRoute("Microsoft.Network:bastionHosts/read", "/providers/Microsoft.Network/bastionHosts", func(w http.ResponseWriter, req *http.Request, r snapshot.Resource) {
		s.idList(w, req, r["bastion_hosts"])
	})
}
