package azurefake

import (
	"net/http"
	"strings"

	"github.com/incloud/incloud/pkg/snapshot"
)

const (
	opStorageAccountsList    = "Microsoft.Storage:storageAccounts/read"
	opBlobServicesRead       = "Microsoft.Storage:storageAccounts/blobServices/read"
	opDiagnosticSettingsRead = "Microsoft.Insights:diagnosticSettings/read"
)

func (s *Server) storageRoutes() {
	s.add(opStorageAccountsList, "/subscriptions/[^/]+/providers/Microsoft.Storage/storageAccounts", func(w http.ResponseWriter, req *http.Request, _ []string) {
		if s.injected(w, opStorageAccountsList, "") {
			return
		}
		var items []any
		for _, r := range s.Resources("azure_storage_account") {
			items = append(items, storageAccount(r))
		}
		s.page(w, req, items, "nextLink")
	})
	s.add(opBlobServicesRead, "(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.Storage/storageAccounts/[^/]+)/blobServices/default", func(w http.ResponseWriter, _ *http.Request, m []string) {
		r := s.account(w, m[1])
		if r == nil || s.injected(w, opBlobServicesRead, r.ID()) {
			return
		}
		writeJSON(w, map[string]any{"id": r.ID() + "/blobServices/default", "name": "default", "properties": map[string]any{
			"deleteRetentionPolicy":          retention(r["blob_soft_delete"]),
			"containerDeleteRetentionPolicy": retention(r["container_soft_delete"]),
		}})
	})
	s.add(opDiagnosticSettingsRead, "(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft.Storage/storageAccounts/[^/]+)/(blob|queue|table)Services/default/providers/Microsoft.Insights/diagnosticSettings", func(w http.ResponseWriter, req *http.Request, m []string) {
		r := s.account(w, m[1])
		if r == nil || s.injected(w, opDiagnosticSettingsRead, r.ID()) {
			return
		}
		s.page(w, req, diagnosticSettings(r[strings.ToLower(m[2])+"_diagnostic_settings"]), "nextLink")
	})
}

// account finds the storage account with id, answering 404 when there is none.
func (s *Server) account(w http.ResponseWriter, id string) snapshot.Resource {
	for _, r := range s.Resources("azure_storage_account") {
		if strings.EqualFold(r.ID(), id) {
			return r
		}
	}
	writeError(w, http.StatusNotFound, "ResourceNotFound", fmtErr("The Resource '%s' was not found.", id))
	return nil
}

func storageAccount(r snapshot.Resource) map[string]any {
	out := armBase(r, "Microsoft.Storage/storageAccounts")
	out["kind"] = r["kind"]
	var pes []any
	for _, pe := range list(r["private_endpoint_connections"]) {
		p := obj(pe)
		pes = append(pes, map[string]any{"name": p["name"], "properties": map[string]any{
			"privateLinkServiceConnectionState": map[string]any{"status": p["status"], "description": ""},
		}})
	}
	var bypass []string
	for _, b := range list(r["network_bypass"]) {
		bypass = append(bypass, b.(string))
	}
	props := map[string]any{
		"supportsHttpsTrafficOnly":    r["https_only"],
		"minimumTlsVersion":           r["minimum_tls_version"],
		"allowBlobPublicAccess":       r["allow_blob_public_access"],
		"allowSharedKeyAccess":        r["allow_shared_key_access"],
		"allowCrossTenantReplication": r["allow_cross_tenant_replication"],
		"publicNetworkAccess":         r["public_network_access"],
		"encryption": map[string]any{"keySource": r["encryption_key_source"], "requireInfrastructureEncryption": r["infrastructure_encryption"],
			"services": map[string]any{"blob": map[string]any{"enabled": true, "keyType": "Account"}}},
		"networkAcls":                map[string]any{"defaultAction": r["network_default_action"], "bypass": strings.Join(bypass, ", "), "ipRules": []any{}, "virtualNetworkRules": []any{}},
		"privateEndpointConnections": pes,
		"provisioningState":          "Succeeded",
	}
	if kc := obj(r["key_creation_times"]); kc != nil {
		props["keyCreationTime"] = map[string]any{"key1": kc["key1"], "key2": kc["key2"]}
	}
	if d := r["key_expiration_period_days"]; d != nil {
		props["keyPolicy"] = map[string]any{"keyExpirationPeriodInDays": d}
	}
	if p := r["sas_expiration_period"]; p != nil {
		props["sasPolicy"] = map[string]any{"sasExpirationPeriod": p, "expirationAction": "Log"}
	}
	out["properties"] = props
	return out
}

func retention(v any) map[string]any {
	p := obj(v)
	if p == nil {
		return map[string]any{"enabled": false}
	}
	out := map[string]any{"enabled": p["enabled"]}
	if p["days"] != nil {
		out["days"] = p["days"]
	}
	return out
}

func diagnosticSettings(v any) []any {
	out := []any{}
	for _, d := range list(v) {
		m := obj(d)
		var logs []any
		for _, l := range list(m["logs"]) {
			lm := obj(l)
			logs = append(logs, map[string]any{"category": lm["category"], "categoryGroup": lm["category_group"], "enabled": lm["enabled"],
				"retentionPolicy": map[string]any{"enabled": false, "days": 0}})
		}
		out = append(out, map[string]any{"name": m["name"], "type": "Microsoft.Insights/diagnosticSettings", "properties": map[string]any{
			"storageAccountId": m["storage_account_id"], "workspaceId": m["workspace_id"],
			"eventHubAuthorizationRuleId": m["event_hub_authorization_rule_id"], "logs": logs, "metrics": []any{},
		}})
	}
	return out
}
