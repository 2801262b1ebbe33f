package azurefake

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/incloud/incloud/pkg/snapshot"
)

func (s *Server) networkRoutes() {
	s.armList("Microsoft.Network:networkSecurityGroups/read", sub+"/providers/Microsoft.Network/networkSecurityGroups", "azure_network_security_group",
		func(r snapshot.Resource) map[string]any {
			out := armBase(r, "Microsoft.Network/networkSecurityGroups")
			var rules []any
			for _, x := range list(r["security_rules"]) {
				m := obj(x)
				p := map[string]any{"priority": m["priority"], "direction": m["direction"], "access": m["access"], "protocol": m["protocol"],
					"sourcePortRange": "*", "destinationAddressPrefix": "*"}
				// ARM uses the singular field for one value, the plural for several.
				setOneOrMany(p, "sourceAddressPrefix", list(m["source_address_prefixes"]))
				setOneOrMany(p, "destinationPortRange", list(m["destination_port_ranges"]))
				rules = append(rules, map[string]any{"name": m["name"], "properties": p})
			}
			out["properties"] = map[string]any{"securityRules": rules, "defaultSecurityRules": []any{}}
			return out
		})
	s.add("Microsoft.Resources:subscriptions/locations/read", sub+"/locations", func(w http.ResponseWriter, req *http.Request, _ []string) {
		if s.injected(w, "Microsoft.Resources:subscriptions/locations/read", "") {
			return
		}
		var items []any
		for _, r := range s.Resources("azure_region") {
			items = append(items, map[string]any{"name": r["name"], "displayName": r["name"], "regionalDisplayName": r["name"]})
		}
		s.page(w, req, items, "nextLink")
	})
	s.add("Microsoft.Resources:subscriptions/resources/read", sub+"/resources", func(w http.ResponseWriter, req *http.Request, _ []string) {
		if s.injected(w, "Microsoft.Resources:subscriptions/resources/read", "") {
			return
		}
		// resource_count resources per region, with made-up ids.
		var items []any
		for _, r := range s.Resources("azure_region") {
			n, _ := r["resource_count"].(interface{ Int64() (int64, error) })
			count := int64(0)
			if n != nil {
				count, _ = n.Int64()
			}
			for i := int64(0); i < count; i++ {
				items = append(items, map[string]any{"id": fmt.Sprintf("/subscriptions/%s/resourceGroups/rg/providers/Microsoft.Fake/things/%s-%d", s.Account(), r.Region(), i),
					"location": r.Region()})
			}
		}
		s.page(w, req, items, "nextLink")
	})
	s.add("Microsoft.Network:networkWatchers/read", sub+"/providers/Microsoft.Network/networkWatchers", func(w http.ResponseWriter, req *http.Request, _ []string) {
		if s.injected(w, "Microsoft.Network:networkWatchers/read", "") {
			return
		}
		var items []any
		for _, r := range s.Resources("azure_region") {
			for _, x := range list(r["network_watchers"]) {
				m := obj(x)
				id := m["id"].(string)
				items = append(items, map[string]any{"id": id, "name": objectID(id), "location": r.Region(), "type": "Microsoft.Network/networkWatchers",
					"properties": map[string]any{"provisioningState": m["provisioning_state"]}})
			}
		}
		s.page(w, req, items, "nextLink")
	})
	s.add("Microsoft.Network:networkWatchers/flowLogs/read", "("+rg+"/providers/Microsoft.Network/networkWatchers/[^/]+)/flowLogs", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "Microsoft.Network:networkWatchers/flowLogs/read", m[1]) {
			return
		}
		var items []any
		for _, g := range s.Resources("azure_network_security_group") {
			for _, x := range list(g["flow_logs"]) {
				f := obj(x)
				id := f["id"].(string)
				if !strings.EqualFold(id[:strings.Index(id, "/flowLogs/")], m[1]) {
					continue
				}
				items = append(items, map[string]any{"id": id, "name": objectID(id), "properties": map[string]any{
					"targetResourceId": g.ID(), "enabled": f["enabled"],
					"retentionPolicy": map[string]any{"enabled": f["retention_enabled"], "days": f["retention_days"]},
					"flowAnalyticsConfiguration": map[string]any{"networkWatcherFlowAnalyticsConfiguration": map[string]any{
						"enabled": f["traffic_analytics_enabled"], "workspaceResourceId": f["workspace_id"]}},
				}})
			}
		}
		sort.Slice(items, func(i, j int) bool { return obj(items[i])["id"].(string) < obj(items[j])["id"].(string) })
		s.page(w, req, items, "nextLink")
	})
}

func setOneOrMany(p map[string]any, singular string, values []any) {
	if len(values) == 1 {
		p[singular] = values[0]
		p[singular+"es"] = []any{}
		if strings.HasSuffix(singular, "Range") {
			delete(p, singular+"es")
			p[singular+"s"] = []any{}
		}
		return
	}
	p[singular] = ""
	if strings.HasSuffix(singular, "Range") {
		p[singular+"s"] = values
		return
	}
	p[singular+"es"] = values
}
