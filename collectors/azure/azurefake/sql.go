package azurefake

import (
	"net/http"
	"strings"

	"github.com/incloud/incloud/pkg/snapshot"
)

func (s *Server) sqlRoutes() {
	const server = "(" + rg + "/providers/Microsoft.Sql/servers/[^/]+)"
	s.armList("Microsoft.Sql:servers/read", sub+"/providers/Microsoft.Sql/servers", "azure_sql_server", func(r snapshot.Resource) map[string]any {
		out := armBase(r, "Microsoft.Sql/servers")
		out["kind"] = "v12.0"
		out["properties"] = map[string]any{"publicNetworkAccess": r["public_network_access"], "version": "12.0", "state": "Ready"}
		return out
	})
	s.armSub("Microsoft.Sql:servers/auditingSettings/read", server+"/auditingSettings/default", "azure_sql_server", func(w http.ResponseWriter, _ *http.Request, r snapshot.Resource, _ []string) {
		a := obj(r["auditing"])
		writeJSON(w, map[string]any{"name": "default", "properties": map[string]any{"state": a["state"], "retentionDays": a["retention_days"],
			"storageEndpoint": a["storage_endpoint"], "isAzureMonitorTargetEnabled": a["log_analytics"]}})
	})
	s.armSub("Microsoft.Sql:servers/firewallRules/read", server+"/firewallRules", "azure_sql_server", func(w http.ResponseWriter, req *http.Request, r snapshot.Resource, _ []string) {
		s.page(w, req, firewallRules(r["firewall_rules"]), "nextLink")
	})
	s.armSub("Microsoft.Sql:servers/encryptionProtector/read", server+"/encryptionProtector/current", "azure_sql_server", func(w http.ResponseWriter, _ *http.Request, r snapshot.Resource, _ []string) {
		p := obj(r["tde_protector"])
		writeJSON(w, map[string]any{"name": "current", "kind": "servicemanaged", "properties": map[string]any{"serverKeyType": p["server_key_type"], "serverKeyName": p["server_key_name"]}})
	})
	s.armSub("Microsoft.Sql:servers/administrators/read", server+"/administrators", "azure_sql_server", func(w http.ResponseWriter, req *http.Request, r snapshot.Resource, _ []string) {
		items := []any{}
		if a := obj(r["entra_admin"]); a != nil {
			items = append(items, map[string]any{"name": "ActiveDirectory", "properties": map[string]any{"administratorType": "ActiveDirectory",
				"login": a["login"], "sid": a["sid"], "principalType": a["principal_type"]}})
		}
		s.page(w, req, items, "nextLink")
	})
	s.armSub("Microsoft.Sql:servers/databases/read", server+"/databases", "azure_sql_server", func(w http.ResponseWriter, req *http.Request, r snapshot.Resource, _ []string) {
		items := []any{map[string]any{"id": r.ID() + "/databases/master", "name": "master", "location": r.Region(), "type": "Microsoft.Sql/servers/databases"}}
		for _, d := range s.Resources("azure_sql_database") {
			if strings.EqualFold(str(d, "server_id"), r.ID()) {
				out := armBase(d, "Microsoft.Sql/servers/databases")
				out["name"] = objectID(d.ID())
				items = append(items, out)
			}
		}
		s.page(w, req, items, "nextLink")
	})
	s.armSub("Microsoft.Sql:servers/databases/transparentDataEncryption/read", "("+rg+"/providers/Microsoft.Sql/servers/[^/]+/databases/[^/]+)/transparentDataEncryption/current", "azure_sql_database",
		func(w http.ResponseWriter, _ *http.Request, r snapshot.Resource, _ []string) {
			writeJSON(w, map[string]any{"name": "current", "properties": map[string]any{"state": r["tde_state"]}})
		})
}

func firewallRules(v any) []any {
	items := []any{}
	for _, f := range list(v) {
		m := obj(f)
		items = append(items, map[string]any{"name": m["name"], "properties": map[string]any{"startIpAddress": m["start_ip_address"], "endIpAddress": m["end_ip_address"]}})
	}
	return items
}

func (s *Server) appServiceRoutes() {
	const site = "(" + rg + "/providers/Microsoft.Web/sites/[^/]+)"
	s.armList("Microsoft.Web:sites/read", sub+"/providers/Microsoft.Web/sites", "azure_appservice_web_app", func(r snapshot.Resource) map[string]any {
		out := armBase(r, "Microsoft.Web/sites")
		out["kind"] = r["kind"]
		if t := str(r, "identity_type"); t != "None" {
			out["identity"] = map[string]any{"type": t}
		}
		out["properties"] = map[string]any{"httpsOnly": r["https_only"], "state": "Running"}
		return out
	})
	s.armSub("Microsoft.Web:sites/config/read", site+"/config/(web|authsettingsV2)", "azure_appservice_web_app", func(w http.ResponseWriter, _ *http.Request, r snapshot.Resource, m []string) {
		if m[0] == "web" {
			writeJSON(w, map[string]any{"name": "web", "properties": map[string]any{"ftpsState": r["ftps_state"], "minTlsVersion": r["min_tls_version"],
				"http20Enabled": r["http20_enabled"], "remoteDebuggingEnabled": r["remote_debugging_enabled"], "httpLoggingEnabled": r["http_logging_enabled"]}})
			return
		}
		writeJSON(w, map[string]any{"name": "authsettingsV2", "properties": map[string]any{"platform": map[string]any{"enabled": r["auth_enabled"]}}})
	})
	s.armSub("Microsoft.Web:sites/basicPublishingCredentialsPolicies/read", site+"/basicPublishingCredentialsPolicies/(ftp|scm)", "azure_appservice_web_app",
		func(w http.ResponseWriter, _ *http.Request, r snapshot.Resource, m []string) {
			writeJSON(w, map[string]any{"name": m[0], "properties": map[string]any{"allow": r["basic_auth_"+m[0]+"_allowed"]}})
		})
}
