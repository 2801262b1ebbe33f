package snapshot

import (
	"regexp"
	"strings"
	"testing"
)

// gcpTypeAPI is the API that owns each GCP resource type: a project has resources of a type only
// when that API is enabled, and a disabled API is reported as SERVICE_DISABLED on its types.
var gcpTypeAPI = map[string]string{
	"gcp_project":                 "cloudresourcemanager.googleapis.com",
	"gcp_iam_service_account":     "iam.googleapis.com",
	"gcp_kms_key_ring":            "cloudkms.googleapis.com",
	"gcp_kms_crypto_key":          "cloudkms.googleapis.com",
	"gcp_apikeys_key":             "apikeys.googleapis.com",
	"gcp_logging_sink":            "logging.googleapis.com",
	"gcp_logging_metric":          "logging.googleapis.com",
	"gcp_monitoring_alert_policy": "monitoring.googleapis.com",
	"gcp_compute_network":         "compute.googleapis.com",
	"gcp_compute_subnetwork":      "compute.googleapis.com",
	"gcp_compute_firewall":        "compute.googleapis.com",
	"gcp_compute_backend_service": "compute.googleapis.com",
	"gcp_compute_target_proxy":    "compute.googleapis.com",
	"gcp_compute_ssl_policy":      "compute.googleapis.com",
	"gcp_compute_instance":        "compute.googleapis.com",
	"gcp_compute_disk":            "compute.googleapis.com",
	"gcp_dns_managed_zone":        "dns.googleapis.com",
	"gcp_dns_policy":              "dns.googleapis.com",
	"gcp_storage_bucket":          "storage.googleapis.com",
	"gcp_sql_instance":            "sqladmin.googleapis.com",
	"gcp_bigquery_dataset":        "bigquery.googleapis.com",
	"gcp_bigquery_table":          "bigquery.googleapis.com",
	"gcp_dataproc_cluster":        "dataproc.googleapis.com",
}

// TestGCPDemoSnapshotsConsistent checks what the schemas cannot in the GCP demos: ids are full
// resource names of the snapshot's project, references between resources resolve, resources exist
// only for enabled APIs, and errors name what the snapshot lacks.
func TestGCPDemoSnapshotsConsistent(t *testing.T) {
	v := newTestValidator(t)
	idRE := regexp.MustCompile(`^//[a-z]+\.googleapis\.com/projects/([^/]+)/`)
	for _, name := range gcpDemoFiles {
		t.Run(name, func(t *testing.T) {
			s, _ := readDemo(t, name)
			res := func(typ string) []Resource { return s.Resources[typ] }
			str := func(r Resource, k string) string { x, _ := r[k].(string); return x }
			if len(res("gcp_project")) != 1 {
				t.Fatalf("want exactly one gcp_project, got %d", len(res("gcp_project")))
			}
			project := res("gcp_project")[0]
			if str(project, "project_id") != s.Account || project.ID() != "//cloudresourcemanager.googleapis.com/projects/"+s.Account || project["name"] != s.Account {
				t.Errorf("gcp_project %s does not match account %s", project.ID(), s.Account)
			}
			number := str(project, "project_number")
			enabled := map[string]bool{}
			for _, x := range project["enabled_services"].([]any) {
				enabled[x.(string)] = true
			}
			for _, typ := range v.Types("gcp") {
				if gcpTypeAPI[typ] == "" {
					t.Errorf("%s: no owning API in gcpTypeAPI", typ)
				}
				for _, r := range res(typ) {
					m := idRE.FindStringSubmatch(r.ID())
					if typ != "gcp_project" && (m == nil || (m[1] != s.Account && m[1] != number && !(typ == "gcp_storage_bucket" && m[1] == "_"))) {
						t.Errorf("%s id %q is not a full resource name in project %s", typ, r.ID(), s.Account)
					}
					if !strings.HasSuffix(r.ID(), "/"+str(r, "name")) && typ != "gcp_apikeys_key" && typ != "gcp_monitoring_alert_policy" {
						t.Errorf("%s %s: name %q is not the id's last part", typ, r.ID(), str(r, "name"))
					}
					if z := str(r, "zone"); z != "" && !strings.HasPrefix(z, r.Region()+"-") {
						t.Errorf("%s %s: zone %s is not in region %s", typ, r.ID(), z, r.Region())
					}
					if !enabled[gcpTypeAPI[typ]] {
						t.Errorf("%s %s exists, but %s is not enabled", typ, r.ID(), gcpTypeAPI[typ])
					}
				}
			}
			links := map[string]bool{}
			for _, typ := range []string{"gcp_compute_network", "gcp_compute_ssl_policy"} {
				for _, r := range res(typ) {
					links[str(r, "self_link")] = true
				}
			}
			const cl = "https://www.googleapis.com/compute/v1/projects/"
			for _, r := range res("gcp_compute_subnetwork") {
				links[cl+s.Account+"/regions/"+r.Region()+"/subnetworks/"+str(r, "name")] = true
			}
			for _, r := range res("gcp_compute_instance") {
				links[cl+s.Account+"/zones/"+str(r, "zone")+"/instances/"+str(r, "name")] = true
			}
			ref := func(from Resource, link string) {
				if !links[link] {
					t.Errorf("%s refers to %s, which is not in the snapshot", from.ID(), link)
				}
			}
			for _, typ := range []string{"gcp_compute_subnetwork", "gcp_compute_firewall"} {
				for _, r := range res(typ) {
					ref(r, str(r, "network"))
				}
			}
			for _, r := range res("gcp_compute_instance") {
				for _, n := range r["network_interfaces"].([]any) {
					ni := n.(map[string]any)
					ref(r, ni["network"].(string))
					ref(r, ni["subnetwork"].(string))
				}
			}
			for _, r := range res("gcp_compute_disk") {
				for _, u := range r["users"].([]any) {
					ref(r, u.(string))
				}
			}
			for _, r := range res("gcp_dns_policy") {
				for _, n := range r["networks"].([]any) {
					ref(r, n.(string))
				}
			}
			for _, r := range res("gcp_compute_target_proxy") {
				if p := str(r, "ssl_policy"); p != "" {
					ref(r, p)
				}
			}
			metrics := map[string]bool{}
			for _, r := range res("gcp_logging_metric") {
				metrics[str(r, "name")] = true
			}
			metricRE := regexp.MustCompile(`logging\.googleapis\.com/user/([\w.-]+)`)
			for _, r := range res("gcp_monitoring_alert_policy") {
				for _, f := range r["condition_filters"].([]any) {
					if m := metricRE.FindStringSubmatch(f.(string)); m != nil && !metrics[m[1]] {
						t.Errorf("alert policy %s watches metric %s, which is not in the snapshot", r.ID(), m[1])
					}
				}
			}

			disabled := map[string]bool{}
			for _, e := range s.Errors {
				if e.Code == "SERVICE_DISABLED" && e.ResourceID == "" {
					disabled[e.ResourceType] = true
				}
			}
			for typ, api := range gcpTypeAPI {
				if !enabled[api] && !disabled[typ] {
					t.Errorf("%s is not enabled, but the %s list did not fail with SERVICE_DISABLED", api, typ)
				}
			}
			for i, e := range s.Errors {
				if e.Code == "SERVICE_DISABLED" && enabled[gcpTypeAPI[e.ResourceType]] {
					t.Errorf("errors[%d]: %s is SERVICE_DISABLED, but %s is enabled", i, e.ResourceType, gcpTypeAPI[e.ResourceType])
				}
				if e.ResourceID == "" {
					if len(res(e.ResourceType)) > 0 {
						t.Errorf("errors[%d]: the list of %s failed, but the snapshot has some", i, e.ResourceType)
					}
					continue
				}
				found := false
				for _, r := range res(e.ResourceType) {
					if r.ID() != e.ResourceID {
						continue
					}
					found = true
					for _, a := range e.Attributes {
						if r[a] != nil {
							t.Errorf("errors[%d]: %s.%s could not be read but is %v", i, e.ResourceID, a, r[a])
						}
					}
				}
				if !found {
					t.Errorf("errors[%d]: resource %s is not in the snapshot", i, e.ResourceID)
				}
			}
		})
	}
}
