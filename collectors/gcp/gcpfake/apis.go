package gcpfake

import (
	"net/http"
	"strings"

	"github.com/incloud/incloud/pkg/snapshot"
)

const seg = `([^/]+)`

func (s *Server) resourceManager() {
	const host = "cloudresourcemanager.googleapis.com"
	s.handle(host, "GET", "/v1/projects/"+seg, "resourcemanager:projects.get", func(w http.ResponseWriter, req *http.Request, m []string) {
		p := s.project()
		if m[1] != s.Account() {
			writeError(w, http.StatusForbidden, map[string]any{"code": 403, "status": "PERMISSION_DENIED",
				"message": "The caller does not have permission"})
			return
		}
		out := map[string]any{"projectId": p["project_id"], "projectNumber": p["project_number"], "name": p["project_id"],
			"lifecycleState": "ACTIVE", "labels": p["tags"]}
		if par := obj(p["parent"]); par != nil {
			out["parent"] = map[string]any{"type": par["type"], "id": par["id"]}
		}
		writeJSON(w, out)
	})
	s.handle(host, "POST", "/v1/projects/"+seg+":getIamPolicy", "resourcemanager:projects.getIamPolicy", func(w http.ResponseWriter, req *http.Request, m []string) {
		p := s.project()
		if s.injected(w, "resourcemanager:projects.getIamPolicy", p.ID(), snapshot.GlobalRegion) {
			return
		}
		writeJSON(w, iamPolicy(obj(p["iam_policy"])))
	})
	s.handle(host, "POST", "/v1/projects/"+seg+":getAncestry", "resourcemanager:projects.getAncestry", func(w http.ResponseWriter, req *http.Request, m []string) {
		p := s.project()
		if s.injected(w, "resourcemanager:projects.getAncestry", p.ID(), snapshot.GlobalRegion) {
			return
		}
		anc := []any{}
		for _, a := range list(p["ancestry"]) {
			am := obj(a)
			anc = append(anc, map[string]any{"resourceId": map[string]any{"type": am["type"], "id": am["id"]}})
		}
		writeJSON(w, map[string]any{"ancestor": anc})
	})
}

func (s *Server) serviceUsage() {
	s.handle("serviceusage.googleapis.com", "GET", "/v1/projects/"+seg+"/services", "serviceusage:services.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		p := s.project()
		if s.injected(w, "serviceusage:services.list", p.ID(), snapshot.GlobalRegion) {
			return
		}
		items := []any{}
		if req.URL.Query().Get("filter") == "state:ENABLED" {
			for _, name := range list(p["enabled_services"]) {
				items = append(items, map[string]any{"name": "projects/" + s.number() + "/services/" + str(name),
					"parent": "projects/" + s.number(), "state": "ENABLED", "config": map[string]any{"name": name}})
			}
		}
		s.page(w, req, "services", items, "pageSize")
	})
}

func (s *Server) storage() {
	const host = "storage.googleapis.com"
	s.handle(host, "GET", "/storage/v1/b", "storage:buckets.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "storage:buckets.list", "", snapshot.GlobalRegion) {
			return
		}
		items := []any{}
		for _, b := range s.Resources("gcp_storage_bucket") {
			out := map[string]any{"kind": "storage#bucket", "id": b["name"], "name": b["name"], "location": b["location"],
				"projectNumber": s.number(), "storageClass": "STANDARD", "labels": b["tags"],
				"iamConfiguration": map[string]any{
					"uniformBucketLevelAccess": map[string]any{"enabled": b["uniform_bucket_level_access"]},
					"publicAccessPrevention":   b["public_access_prevention"],
				}}
			if rp := obj(b["retention_policy"]); rp != nil {
				out["retentionPolicy"] = map[string]any{"retentionPeriod": str(rp["retention_period_seconds"]), "isLocked": rp["is_locked"],
					"effectiveTime": "2026-01-01T00:00:00.000Z"}
			}
			items = append(items, out)
		}
		s.page(w, req, "items", items, "maxResults")
	})
	s.handle(host, "GET", "/storage/v1/b/"+seg+"/iam", "storage:buckets.getIamPolicy", func(w http.ResponseWriter, req *http.Request, m []string) {
		b := s.Find("gcp_storage_bucket", "name", m[1])
		if b == nil {
			writeError(w, http.StatusNotFound, map[string]any{"code": 404, "message": "The specified bucket does not exist."})
			return
		}
		if s.injected(w, "storage:buckets.getIamPolicy", b.ID(), b.Region()) {
			return
		}
		p := iamPolicy(obj(b["iam_policy"]))
		p["kind"] = "storage#policy"
		p["resourceId"] = "projects/_/buckets/" + m[1]
		writeJSON(w, p)
	})
}

func (s *Server) dns() {
	const host = "dns.googleapis.com"
	s.handle(host, "GET", "/dns/v1/projects/"+seg+"/managedZones", "dns:managedZones.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "dns:managedZones.list", "", snapshot.GlobalRegion) {
			return
		}
		items := []any{}
		for _, z := range s.Resources("gcp_dns_managed_zone") {
			d := obj(z["dnssec"])
			specs := []any{}
			for _, k := range list(d["default_key_specs"]) {
				km := obj(k)
				specs = append(specs, map[string]any{"keyType": km["key_type"], "algorithm": km["algorithm"], "keyLength": km["key_length"], "kind": "dns#dnsKeySpec"})
			}
			out := map[string]any{"kind": "dns#managedZone", "name": z["name"], "dnsName": z["dns_name"], "visibility": z["visibility"],
				"id": "1234", "labels": z["tags"]}
			if str(d["state"]) != "off" || len(specs) > 0 {
				out["dnssecConfig"] = map[string]any{"state": d["state"], "defaultKeySpecs": specs, "nonExistence": "nsec3"}
			}
			items = append(items, out)
		}
		s.page(w, req, "managedZones", items, "maxResults")
	})
	s.handle(host, "GET", "/dns/v1/projects/"+seg+"/policies", "dns:policies.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "dns:policies.list", "", snapshot.GlobalRegion) {
			return
		}
		items := []any{}
		for _, p := range s.Resources("gcp_dns_policy") {
			nets := []any{}
			for _, n := range list(p["networks"]) {
				nets = append(nets, map[string]any{"networkUrl": n, "kind": "dns#policyNetwork"})
			}
			items = append(items, map[string]any{"kind": "dns#policy", "name": p["name"], "enableLogging": p["enable_logging"], "networks": nets})
		}
		s.page(w, req, "policies", items, "maxResults")
	})
}

func (s *Server) compute() {
	const host = "compute.googleapis.com"
	s.handle(host, "GET", "/compute/v1/projects/"+seg+"/regions", "compute:regions.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "compute:regions.list", "", "") {
			return
		}
		items := []any{}
		for _, r := range s.Snapshot().Scope.Regions {
			items = append(items, map[string]any{"kind": "compute#region", "name": r, "status": "UP",
				"selfLink": "https://www.googleapis.com/compute/v1/projects/" + s.Account() + "/regions/" + r})
		}
		s.page(w, req, "items", items, "maxResults")
	})
}

var _ = strings.TrimSpace
