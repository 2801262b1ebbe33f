package gcpfake

import (
	"net/http"
	"strings"

	"github.com/incloud/incloud/pkg/snapshot"
)

const computeBase = "https://www.googleapis.com/compute/v1/projects/"

type scopedItem struct {
	scope string // regions/<r>, zones/<z> or global
	item  map[string]any
}

// aggregated answers an aggregatedList call: one page of the items, grouped by scope under
// items.<scope>.<key>.
func (s *Server) aggregated(w http.ResponseWriter, req *http.Request, key string, items []scopedItem) {
	start, end, next := s.Page(len(items), req.URL.Query().Get("pageToken"), req.URL.Query().Get("maxResults"))
	groups := map[string]any{}
	for _, it := range items[start:end] {
		g, _ := groups[it.scope].(map[string]any)
		if g == nil {
			g = map[string]any{key: []any{}}
			groups[it.scope] = g
		}
		g[key] = append(g[key].([]any), it.item)
	}
	out := map[string]any{"kind": "compute#aggregatedList", "items": groups}
	if next != "" {
		out["nextPageToken"] = next
	}
	writeJSON(w, out)
}

// scopeOf is the aggregated-list scope of a compute resource id, and the link of its region.
func (s *Server) scopeOf(id string) (scope, regionLink string) {
	rest := strings.TrimPrefix(id, "//compute.googleapis.com/projects/"+s.Account()+"/")
	parts := strings.Split(rest, "/")
	switch parts[0] {
	case "regions":
		return "regions/" + parts[1], computeBase + s.Account() + "/regions/" + parts[1]
	case "zones":
		return "zones/" + parts[1], ""
	}
	return "global", ""
}

func (s *Server) metadata(flags map[string]any, keys []any) map[string]any {
	items := []any{}
	for _, k := range keys {
		v, ok := flags[str(k)]
		if !ok {
			v = "value of " + str(k) + " (never recorded by the collector)"
		}
		items = append(items, map[string]any{"key": k, "value": v})
	}
	return map[string]any{"kind": "compute#metadata", "fingerprint": "fake=", "items": items}
}

func (s *Server) computeResources() {
	const host = "compute.googleapis.com"
	p := "/compute/v1/projects/" + seg
	s.handle(host, "GET", p, "compute:projects.get", func(w http.ResponseWriter, req *http.Request, m []string) {
		pr := s.project()
		if s.injected(w, "compute:projects.get", pr.ID(), snapshot.GlobalRegion) {
			return
		}
		writeJSON(w, map[string]any{"kind": "compute#project", "name": m[1], "id": pr["project_number"],
			"commonInstanceMetadata": s.metadata(obj(pr["compute_metadata"]), list(pr["compute_metadata_keys"]))})
	})
	s.handle(host, "GET", p+"/global/networks", "compute:networks.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "compute:networks.list", "", snapshot.GlobalRegion) {
			return
		}
		items := []any{}
		for _, n := range s.Resources("gcp_compute_network") {
			out := map[string]any{"kind": "compute#network", "name": n["name"], "selfLink": n["self_link"]}
			switch n["subnet_mode"] {
			case "legacy":
				out["IPv4Range"] = "10.240.0.0/16"
				out["gatewayIPv4"] = "10.240.0.1"
			case "auto":
				out["autoCreateSubnetworks"] = true
			default:
				out["autoCreateSubnetworks"] = false
			}
			items = append(items, out)
		}
		s.page(w, req, "items", items, "maxResults")
	})
	s.handle(host, "GET", p+"/aggregated/subnetworks", "compute:subnetworks.aggregatedList", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "compute:subnetworks.aggregatedList", "", snapshot.GlobalRegion) {
			return
		}
		var items []scopedItem
		for _, n := range s.Resources("gcp_compute_subnetwork") {
			scope, region := s.scopeOf(n.ID())
			out := map[string]any{"kind": "compute#subnetwork", "name": n["name"], "region": region, "network": n["network"],
				"ipCidrRange": n["ip_cidr_range"], "purpose": n["purpose"]}
			if f := obj(n["flow_logs"]); f["enable"] == true {
				out["logConfig"] = map[string]any{"enable": true, "aggregationInterval": f["aggregation_interval"],
					"flowSampling": f["flow_sampling"], "metadata": f["metadata"], "filterExpr": f["filter_expr"]}
			} else {
				out["logConfig"] = map[string]any{"enable": false}
			}
			items = append(items, scopedItem{scope, out})
		}
		s.aggregated(w, req, "subnetworks", items)
	})
	s.handle(host, "GET", p+"/global/firewalls", "compute:firewalls.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "compute:firewalls.list", "", snapshot.GlobalRegion) {
			return
		}
		items := []any{}
		rules := func(v any) []any {
			out := []any{}
			for _, r := range list(v) {
				rm := obj(r)
				x := map[string]any{"IPProtocol": rm["ip_protocol"]}
				if len(list(rm["ports"])) > 0 {
					x["ports"] = rm["ports"]
				}
				out = append(out, x)
			}
			return out
		}
		for _, f := range s.Resources("gcp_compute_firewall") {
			out := map[string]any{"kind": "compute#firewall", "name": f["name"], "network": f["network"], "direction": f["direction"],
				"priority": f["priority"], "disabled": f["disabled"], "sourceRanges": f["source_ranges"],
				"targetTags": f["target_tags"], "targetServiceAccounts": f["target_service_accounts"]}
			if a := rules(f["allowed"]); len(a) > 0 {
				out["allowed"] = a
			}
			if d := rules(f["denied"]); len(d) > 0 {
				out["denied"] = d
			}
			items = append(items, out)
		}
		s.page(w, req, "items", items, "maxResults")
	})
	s.handle(host, "GET", p+"/aggregated/backendServices", "compute:backendServices.aggregatedList", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "compute:backendServices.aggregatedList", "", snapshot.GlobalRegion) {
			return
		}
		var items []scopedItem
		for _, b := range s.Resources("gcp_compute_backend_service") {
			scope, region := s.scopeOf(b.ID())
			out := map[string]any{"kind": "compute#backendService", "name": b["name"], "protocol": b["protocol"],
				"loadBalancingScheme": b["load_balancing_scheme"], "logConfig": map[string]any{"enable": b["logging_enabled"]}}
			if region != "" {
				out["region"] = region
			}
			items = append(items, scopedItem{scope, out})
		}
		s.aggregated(w, req, "backendServices", items)
	})
	s.handle(host, "GET", p+"/aggregated/targetHttpsProxies", "compute:targetHttpsProxies.aggregatedList", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "compute:targetHttpsProxies.aggregatedList", "", snapshot.GlobalRegion) {
			return
		}
		var items []scopedItem
		for _, t := range s.Resources("gcp_compute_target_proxy") {
			if t["proxy_type"] != "https" {
				continue
			}
			scope, region := s.scopeOf(t.ID())
			out := map[string]any{"kind": "compute#targetHttpsProxy", "name": t["name"]}
			if t["ssl_policy"] != nil {
				out["sslPolicy"] = t["ssl_policy"]
			}
			if region != "" {
				out["region"] = region
			}
			items = append(items, scopedItem{scope, out})
		}
		s.aggregated(w, req, "targetHttpsProxies", items)
	})
	s.handle(host, "GET", p+"/global/targetSslProxies", "compute:targetSslProxies.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "compute:targetSslProxies.list", "", snapshot.GlobalRegion) {
			return
		}
		items := []any{}
		for _, t := range s.Resources("gcp_compute_target_proxy") {
			if t["proxy_type"] != "ssl" {
				continue
			}
			out := map[string]any{"kind": "compute#targetSslProxy", "name": t["name"]}
			if t["ssl_policy"] != nil {
				out["sslPolicy"] = t["ssl_policy"]
			}
			items = append(items, out)
		}
		s.page(w, req, "items", items, "maxResults")
	})
	s.handle(host, "GET", p+"/aggregated/sslPolicies", "compute:sslPolicies.aggregatedList", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "compute:sslPolicies.aggregatedList", "", snapshot.GlobalRegion) {
			return
		}
		var items []scopedItem
		for _, pol := range s.Resources("gcp_compute_ssl_policy") {
			scope, region := s.scopeOf(pol.ID())
			out := map[string]any{"kind": "compute#sslPolicy", "name": pol["name"], "selfLink": pol["self_link"], "profile": pol["profile"],
				"minTlsVersion": pol["min_tls_version"], "enabledFeatures": pol["enabled_features"]}
			if region != "" {
				out["region"] = region
			}
			items = append(items, scopedItem{scope, out})
		}
		s.aggregated(w, req, "sslPolicies", items)
	})
	s.handle(host, "GET", p+"/aggregated/instances", "compute:instances.aggregatedList", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "compute:instances.aggregatedList", "", snapshot.GlobalRegion) {
			return
		}
		var items []scopedItem
		for _, in := range s.Resources("gcp_compute_instance") {
			zone := str(in["zone"])
			nics := []any{}
			for _, n := range list(in["network_interfaces"]) {
				nm := obj(n)
				acs, v6 := []any{}, []any{}
				for _, a := range list(nm["access_configs"]) {
					am := obj(a)
					x := map[string]any{"kind": "compute#accessConfig", "type": "ONE_TO_ONE_NAT", "name": am["name"]}
					if am["nat_ip"] != nil {
						x["natIP"] = am["nat_ip"]
					}
					acs = append(acs, x)
				}
				for _, a := range list(nm["ipv6_access_configs"]) {
					am := obj(a)
					x := map[string]any{"kind": "compute#accessConfig", "type": "DIRECT_IPV6", "name": am["name"]}
					if am["external_ipv6"] != nil {
						x["externalIpv6"] = am["external_ipv6"]
					}
					v6 = append(v6, x)
				}
				nics = append(nics, map[string]any{"network": nm["network"], "subnetwork": nm["subnetwork"], "networkIP": "10.0.0.2",
					"accessConfigs": acs, "ipv6AccessConfigs": v6})
			}
			sis := obj(in["shielded_instance_config"])
			out := map[string]any{"kind": "compute#instance", "name": in["name"], "zone": computeBase + s.Account() + "/zones/" + zone,
				"status": in["status"], "machineType": computeBase + s.Account() + "/zones/" + zone + "/machineTypes/" + str(in["machine_type"]),
				"serviceAccounts": in["service_accounts"], "metadata": s.metadata(obj(in["metadata"]), list(in["metadata_keys"])),
				"canIpForward": in["can_ip_forward"], "labels": in["tags"],
				"shieldedInstanceConfig": map[string]any{"enableSecureBoot": sis["enable_secure_boot"], "enableVtpm": sis["enable_vtpm"],
					"enableIntegrityMonitoring": sis["enable_integrity_monitoring"]},
				"networkInterfaces": nics}
			if in["confidential_compute"] == true {
				out["confidentialInstanceConfig"] = map[string]any{"enableConfidentialCompute": true}
			}
			items = append(items, scopedItem{"zones/" + zone, out})
		}
		s.aggregated(w, req, "instances", items)
	})
	s.handle(host, "GET", p+"/aggregated/disks", "compute:disks.aggregatedList", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "compute:disks.aggregatedList", "", snapshot.GlobalRegion) {
			return
		}
		var items []scopedItem
		for _, d := range s.Resources("gcp_compute_disk") {
			scope, region := s.scopeOf(d.ID())
			out := map[string]any{"kind": "compute#disk", "name": d["name"], "users": d["users"], "labels": d["tags"], "sizeGb": "10"}
			if z := str(d["zone"]); z != "" {
				out["zone"] = computeBase + s.Account() + "/zones/" + z
			} else {
				out["region"] = region
			}
			switch d["encryption"] {
			case "customer-supplied":
				out["diskEncryptionKey"] = map[string]any{"sha256": "n3nB3Dkfq1pW4Q0vxkVOMhCPdQd4sKcNbVx4eFkFf8s="}
			case "customer-managed":
				out["diskEncryptionKey"] = map[string]any{"kmsKeyName": d["kms_key_name"]}
			}
			items = append(items, scopedItem{scope, out})
		}
		s.aggregated(w, req, "disks", items)
	})
}
