package gcpfake

import (
	"net/http"
	"sort"
	"strings"

	"github.com/incloud/incloud/pkg/snapshot"
)

func (s *Server) kms() {
	const host = "cloudkms.googleapis.com"
	p := "/v1/projects/" + seg + "/locations"
	s.handle(host, "GET", p, "cloudkms:locations.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "cloudkms:locations.list", "", snapshot.GlobalRegion) {
			return
		}
		set := map[string]bool{"global": true}
		for _, r := range s.Snapshot().Scope.Regions {
			set[r] = true
		}
		for _, r := range s.Resources("gcp_kms_key_ring") {
			set[r.Region()] = true
		}
		var locs []string
		for l := range set {
			locs = append(locs, l)
		}
		sort.Strings(locs)
		items := []any{}
		for _, l := range locs {
			items = append(items, map[string]any{"name": "projects/" + m[1] + "/locations/" + l, "locationId": l})
		}
		s.page(w, req, "locations", items, "pageSize")
	})
	s.handle(host, "GET", p+"/"+seg+"/keyRings", "cloudkms:keyRings.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "cloudkms:keyRings.list", "", m[2]) {
			return
		}
		items := []any{}
		for _, r := range s.Resources("gcp_kms_key_ring") {
			if r.Region() == m[2] {
				items = append(items, map[string]any{"name": strings.TrimPrefix(r.ID(), "//cloudkms.googleapis.com/"), "createTime": "2024-01-01T00:00:00Z"})
			}
		}
		s.page(w, req, "keyRings", items, "pageSize")
	})
	s.handle(host, "GET", p+"/"+seg+"/keyRings/"+seg+":getIamPolicy", "cloudkms:keyRings.getIamPolicy", func(w http.ResponseWriter, req *http.Request, m []string) {
		id := "//cloudkms.googleapis.com/projects/" + m[1] + "/locations/" + m[2] + "/keyRings/" + m[3]
		r := s.Find("gcp_kms_key_ring", "id", id)
		if r == nil {
			writeError(w, http.StatusNotFound, map[string]any{"code": 404, "status": "NOT_FOUND", "message": "KeyRing not found"})
			return
		}
		if s.injected(w, "cloudkms:keyRings.getIamPolicy", id, r.Region()) {
			return
		}
		writeJSON(w, iamPolicy(obj(r["iam_policy"])))
	})
	s.handle(host, "GET", p+"/"+seg+"/keyRings/"+seg+"/cryptoKeys", "cloudkms:cryptoKeys.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "cloudkms:cryptoKeys.list", "", m[2]) {
			return
		}
		items := []any{}
		for _, k := range s.Resources("gcp_kms_crypto_key") {
			if k.Region() != m[2] || k["key_ring"] != m[3] {
				continue
			}
			name := strings.TrimPrefix(k.ID(), "//cloudkms.googleapis.com/")
			out := map[string]any{"name": name, "purpose": k["purpose"], "createTime": k["create_time"], "labels": k["tags"],
				"versionTemplate": map[string]any{"protectionLevel": "SOFTWARE", "algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION"}}
			if k["primary_state"] != nil {
				out["primary"] = map[string]any{"name": name + "/cryptoKeyVersions/1", "state": k["primary_state"]}
			}
			if k["rotation_period_seconds"] != nil {
				out["rotationPeriod"] = str(k["rotation_period_seconds"]) + "s"
			}
			if k["next_rotation_time"] != nil {
				out["nextRotationTime"] = k["next_rotation_time"]
			}
			items = append(items, out)
		}
		s.page(w, req, "cryptoKeys", items, "pageSize")
	})
	s.handle(host, "GET", p+"/"+seg+"/keyRings/"+seg+"/cryptoKeys/"+seg+":getIamPolicy", "cloudkms:cryptoKeys.getIamPolicy", func(w http.ResponseWriter, req *http.Request, m []string) {
		id := "//cloudkms.googleapis.com/projects/" + m[1] + "/locations/" + m[2] + "/keyRings/" + m[3] + "/cryptoKeys/" + m[4]
		k := s.Find("gcp_kms_crypto_key", "id", id)
		if k == nil {
			writeError(w, http.StatusNotFound, map[string]any{"code": 404, "status": "NOT_FOUND", "message": "CryptoKey not found"})
			return
		}
		if s.injected(w, "cloudkms:cryptoKeys.getIamPolicy", id, k.Region()) {
			return
		}
		writeJSON(w, iamPolicy(obj(k["iam_policy"])))
	})
}

func (s *Server) sql() {
	s.handle("sqladmin.googleapis.com", "GET", "/v1/projects/"+seg+"/instances", "sqladmin:instances.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "sqladmin:instances.list", "", snapshot.GlobalRegion) {
			return
		}
		items := []any{}
		for _, in := range s.Resources("gcp_sql_instance") {
			ipc := obj(in["ip_configuration"])
			ip := map[string]any{"ipv4Enabled": ipc["ipv4_enabled"], "requireSsl": ipc["require_ssl"], "authorizedNetworks": []any{}}
			for _, n := range list(ipc["authorized_networks"]) {
				nm := obj(n)
				ip["authorizedNetworks"] = append(ip["authorizedNetworks"].([]any), map[string]any{"kind": "sql#aclEntry", "name": nm["name"], "value": nm["value"]})
			}
			if ipc["ssl_mode"] != nil {
				ip["sslMode"] = ipc["ssl_mode"]
			}
			if ipc["private_network"] != nil {
				ip["privateNetwork"] = ipc["private_network"]
			}
			flags := []any{}
			for _, f := range list(in["database_flags"]) {
				flags = append(flags, f)
			}
			items = append(items, map[string]any{"kind": "sql#instance", "name": in["name"], "project": m[1], "region": in["region"],
				"databaseVersion": in["database_version"], "instanceType": in["instance_type"], "state": in["state"],
				"settings": map[string]any{"tier": "db-custom-2-7680", "databaseFlags": flags, "ipConfiguration": ip,
					"backupConfiguration": map[string]any{"enabled": in["backup_enabled"]}, "userLabels": in["tags"]}})
		}
		s.page(w, req, "items", items, "maxResults")
	})
}

func (s *Server) bigquery() {
	const host = "bigquery.googleapis.com"
	p := "/bigquery/v2/projects/" + seg + "/datasets"
	s.handle(host, "GET", p, "bigquery:datasets.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "bigquery:datasets.list", "", snapshot.GlobalRegion) {
			return
		}
		items := []any{}
		for _, d := range s.Resources("gcp_bigquery_dataset") {
			items = append(items, map[string]any{"kind": "bigquery#dataset", "id": m[1] + ":" + str(d["dataset_id"]),
				"datasetReference": map[string]any{"projectId": m[1], "datasetId": d["dataset_id"]}, "location": d["location"], "labels": d["tags"]})
		}
		s.page(w, req, "datasets", items, "maxResults")
	})
	s.handle(host, "GET", p+"/"+seg, "bigquery:datasets.get", func(w http.ResponseWriter, req *http.Request, m []string) {
		d := s.Find("gcp_bigquery_dataset", "dataset_id", m[2])
		if d == nil {
			writeError(w, http.StatusNotFound, map[string]any{"code": 404, "status": "NOT_FOUND", "message": "Not found: Dataset " + m[1] + ":" + m[2]})
			return
		}
		if s.injected(w, "bigquery:datasets.get", d.ID(), d.Region()) {
			return
		}
		access := []any{}
		for _, a := range list(d["access"]) {
			out := map[string]any{}
			for k, v := range obj(a) {
				if v != nil {
					out[map[string]string{"role": "role", "special_group": "specialGroup", "iam_member": "iamMember",
						"user_by_email": "userByEmail", "group_by_email": "groupByEmail", "domain": "domain"}[k]] = v
				}
			}
			access = append(access, out)
		}
		out := map[string]any{"kind": "bigquery#dataset", "datasetReference": map[string]any{"projectId": m[1], "datasetId": m[2]},
			"location": d["location"], "labels": d["tags"], "access": access}
		if d["default_kms_key_name"] != nil {
			out["defaultEncryptionConfiguration"] = map[string]any{"kmsKeyName": d["default_kms_key_name"]}
		}
		writeJSON(w, out)
	})
	s.handle(host, "GET", p+"/"+seg+"/tables", "bigquery:tables.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "bigquery:tables.list", "", "") {
			return
		}
		items := []any{}
		for _, t := range s.Resources("gcp_bigquery_table") {
			if t["dataset_id"] == m[2] {
				items = append(items, map[string]any{"kind": "bigquery#table", "type": t["table_type"], "labels": t["tags"],
					"tableReference": map[string]any{"projectId": m[1], "datasetId": m[2], "tableId": t["name"]}})
			}
		}
		s.page(w, req, "tables", items, "maxResults")
	})
	s.handle(host, "GET", p+"/"+seg+"/tables/"+seg, "bigquery:tables.get", func(w http.ResponseWriter, req *http.Request, m []string) {
		id := "//bigquery.googleapis.com/projects/" + m[1] + "/datasets/" + m[2] + "/tables/" + m[3]
		t := s.Find("gcp_bigquery_table", "id", id)
		if t == nil {
			writeError(w, http.StatusNotFound, map[string]any{"code": 404, "status": "NOT_FOUND", "message": "Not found: Table"})
			return
		}
		if s.injected(w, "bigquery:tables.get", id, t.Region()) {
			return
		}
		out := map[string]any{"kind": "bigquery#table", "type": t["table_type"],
			"tableReference": map[string]any{"projectId": m[1], "datasetId": m[2], "tableId": m[3]}}
		if t["kms_key_name"] != nil {
			out["encryptionConfiguration"] = map[string]any{"kmsKeyName": t["kms_key_name"]}
		}
		writeJSON(w, out)
	})
}

func (s *Server) dataproc() {
	s.handle("dataproc.googleapis.com", "GET", "/v1/projects/"+seg+"/regions/"+seg+"/clusters", "dataproc:clusters.list", func(w http.ResponseWriter, req *http.Request, m []string) {
		if s.injected(w, "dataproc:clusters.list", "", m[2]) {
			return
		}
		items := []any{}
		for _, c := range s.Resources("gcp_dataproc_cluster") {
			if c.Region() != m[2] {
				continue
			}
			cfg := map[string]any{"configBucket": "dataproc-staging"}
			if c["gce_pd_kms_key_name"] != nil {
				cfg["encryptionConfig"] = map[string]any{"gcePdKmsKeyName": c["gce_pd_kms_key_name"]}
			}
			items = append(items, map[string]any{"projectId": m[1], "clusterName": c["name"], "clusterUuid": c["cluster_uuid"],
				"status": map[string]any{"state": c["status"]}, "config": cfg, "labels": c["tags"]})
		}
		s.page(w, req, "clusters", items, "pageSize")
	})
}
