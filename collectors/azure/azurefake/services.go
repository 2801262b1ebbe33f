package azurefake

import (
	"net/http"

	"github.com/incloud/incloud/pkg/snapshot"
)

func (s *Server) serviceRoutes() {
	s.armList("Microsoft.Authorization:roleDefinitions/read", sub+"/providers/Microsoft.Authorization/roleDefinitions", "azure_authorization_role_definition",
		func(r snapshot.Resource) map[string]any {
			var perms []any
			for _, p := range list(r["permissions"]) {
				m := obj(p)
				perms = append(perms, map[string]any{"actions": m["actions"], "notActions": m["not_actions"], "dataActions": m["data_actions"], "notDataActions": m["not_data_actions"]})
			}
			return map[string]any{"id": r.ID(), "name": objectID(r.ID()), "type": "Microsoft.Authorization/roleDefinitions", "properties": map[string]any{
				"roleName": r["name"], "type": r["role_type"], "description": "", "assignableScopes": r["assignable_scopes"], "permissions": perms}}
		})
	s.armList("Microsoft.Insights:activityLogAlerts/read", sub+"/providers/Microsoft.Insights/activityLogAlerts", "azure_monitor_activity_log_alert",
		func(r snapshot.Resource) map[string]any {
			out := armBase(r, "Microsoft.Insights/ActivityLogAlerts")
			out["location"] = "Global"
			var conds, groups []any
			for _, c := range list(r["conditions"]) {
				conds = append(conds, map[string]any{"field": obj(c)["field"], "equals": obj(c)["equals"]})
			}
			for _, g := range list(r["action_group_ids"]) {
				groups = append(groups, map[string]any{"actionGroupId": g, "webhookProperties": map[string]any{}})
			}
			out["properties"] = map[string]any{"enabled": r["enabled"], "scopes": r["scopes"], "condition": map[string]any{"allOf": conds},
				"actions": map[string]any{"actionGroups": groups}}
			return out
		})
	s.armList("Microsoft.DocumentDB:databaseAccounts/read", sub+"/providers/Microsoft.DocumentDB/databaseAccounts", "azure_cosmosdb_account",
		func(r snapshot.Resource) map[string]any {
			out := armBase(r, "Microsoft.DocumentDB/databaseAccounts")
			var ips, vnets []any
			for _, ip := range list(r["ip_rules"]) {
				ips = append(ips, map[string]any{"ipAddressOrRange": ip})
			}
			for _, v := range list(r["virtual_network_rules"]) {
				vnets = append(vnets, map[string]any{"id": v, "ignoreMissingVNetServiceEndpoint": false})
			}
			out["kind"] = "GlobalDocumentDB"
			out["properties"] = map[string]any{"publicNetworkAccess": r["public_network_access"], "isVirtualNetworkFilterEnabled": r["is_virtual_network_filter_enabled"],
				"ipRules": ips, "virtualNetworkRules": vnets, "privateEndpointConnections": privateEndpoints(r["private_endpoint_connections"]),
				"disableLocalAuth": r["disable_local_auth"], "databaseAccountOfferType": "Standard"}
			return out
		})
	s.armList("Microsoft.Compute:disks/read", sub+"/providers/Microsoft.Compute/disks", "azure_compute_disk",
		func(r snapshot.Resource) map[string]any {
			out := armBase(r, "Microsoft.Compute/disks")
			props := map[string]any{"diskState": r["disk_state"], "encryption": map[string]any{"type": r["encryption_type"]},
				"networkAccessPolicy": r["network_access_policy"], "publicNetworkAccess": r["public_network_access"], "diskSizeGB": 128}
			if m := r["data_access_auth_mode"]; m != nil {
				props["dataAccessAuthMode"] = m
			}
			out["properties"] = props
			return out
		})
	s.flexibleServers("Microsoft.DBforPostgreSQL", "azure_postgresql_flexible_server")
	s.flexibleServers("Microsoft.DBforMySQL", "azure_mysql_flexible_server")
	s.armList("Microsoft.DBforPostgreSQL:servers/read", sub+"/providers/Microsoft.DBforPostgreSQL/servers", "azure_postgresql_server",
		func(r snapshot.Resource) map[string]any {
			out := armBase(r, "Microsoft.DBforPostgreSQL/servers")
			out["sku"] = map[string]any{"name": "GP_Gen5_2", "tier": "GeneralPurpose", "family": "Gen5", "capacity": 2}
			out["properties"] = map[string]any{"version": r["version"], "userVisibleState": "Ready", "sslEnforcement": "Enabled",
				"minimalTlsVersion": "TLS1_2", "infrastructureEncryption": r["infrastructure_encryption"], "publicNetworkAccess": "Enabled"}
			return out
		})
	s.configurations("Microsoft.DBforPostgreSQL", "servers", "azure_postgresql_server")
	s.armSub("Microsoft.DBforPostgreSQL:flexibleServers/firewallRules/read", "("+rg+"/providers/Microsoft.DBforPostgreSQL/flexibleServers/[^/]+)/firewallRules", "azure_postgresql_flexible_server",
		func(w http.ResponseWriter, req *http.Request, r snapshot.Resource, _ []string) {
			s.page(w, req, firewallRules(r["firewall_rules"]), "nextLink")
		})
}

// flexibleServers serves the servers of a PostgreSQL or MySQL flexible-server provider and their
// configurations.
func (s *Server) flexibleServers(ns, typ string) {
	s.armList(ns+":flexibleServers/read", sub+"/providers/"+ns+"/flexibleServers", typ, func(r snapshot.Resource) map[string]any {
		out := armBase(r, ns+"/flexibleServers")
		props := map[string]any{"version": r["version"], "state": "Ready"}
		if pna, ok := r["public_network_access"]; ok {
			props["network"] = map[string]any{"publicNetworkAccess": pna}
		}
		out["properties"] = props
		return out
	})
	s.configurations(ns, "flexibleServers", typ)
}

// configurations serves GET .../{kind}/{server}/configurations/{name} from the server's parameters.
func (s *Server) configurations(ns, kind, typ string) {
	s.armSub(ns+":"+kind+"/configurations/read", "("+rg+"/providers/"+ns+"/"+kind+"/[^/]+)/configurations/([^/]+)", typ,
		func(w http.ResponseWriter, _ *http.Request, r snapshot.Resource, m []string) {
			v, ok := obj(r["parameters"])[m[0]]
			if !ok {
				writeError(w, http.StatusNotFound, "ConfigurationNotExists", fmtErr("The configuration '%s' does not exist.", m[0]))
				return
			}
			writeJSON(w, map[string]any{"name": m[0], "properties": map[string]any{"value": v, "source": "user-override"}})
		})
}
