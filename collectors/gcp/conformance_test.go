package gcp

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/collectors/collectortest"
	"github.com/incloud/incloud/collectors/fakecloud"
	"github.com/incloud/incloud/collectors/gcp/gcpfake"
	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
)

// TestConformance runs the provider-neutral conformance suite against the GCP collector and the
// fake GCP project (gcpfake).
func TestConformance(t *testing.T) {
	collectortest.Run(t, collectortest.Provider{
		Name:     "gcp",
		Policies: policies.FS,
		Demos:    demos,
		Owns:     ServiceOwns(),

		Operations: Operations(),
		IsReadOnly: isReadOnly,
		Writes: []collection.Operation{
			{Service: "apikeys", Action: "keys.getKeyString", Permission: "apikeys.keys.getKeyString"},
			{Service: "storage", Action: "buckets.setIamPolicy", Permission: "storage.buckets.setIamPolicy"},
			{Service: "compute", Action: "instances.delete", Permission: "compute.instances.delete"},
		},
		Granted:    Permissions(),
		DeniedCode: "PERMISSION_DENIED",

		Fake: func(snap *snapshot.Snapshot, opts ...fakecloud.Option) *fakecloud.Core {
			f := gcpfake.New(snap, opts...)
			fakeProjects.Store(f.URL, snap.Account)
			return f.Core
		},
		Collect: func(ctx context.Context, opts collectors.Options) (*snapshot.Snapshot, error) {
			return New(projectOf(opts.EndpointURL), opts).Collect(ctx)
		},
		ThrottleOp: "resourcemanager:projects.getIamPolicy",

		Latency:         latencySnapshot(),
		LatencyServices: []string{"iam", "storage"},
		MinSpeedup:      5,
	})
}

const latencyProject = "acme-latency"

// fakeProjects maps a running fake's URL to its project: the suite hands the collector only the
// options, and a GCP collection is for one named project.
var fakeProjects sync.Map

func projectOf(url string) string {
	p, _ := fakeProjects.Load(url)
	s, _ := p.(string)
	return s
}

// latencySnapshot is a project with 150 buckets and 100 service accounts: one list call and one
// call per resource each, so that concurrency shows.
func latencySnapshot() *snapshot.Snapshot {
	s := snapshot.New("gcp", latencyProject, time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC))
	s.Collector = snapshot.Collector{Name: CollectorName, Version: "test"}
	s.Scope = snapshot.Scope{Regions: []string{"europe-west1"}, Services: []string{"iam", "storage"}}
	s.Add("gcp_project", snapshot.Resource{"id": "//cloudresourcemanager.googleapis.com/projects/" + latencyProject, "name": latencyProject,
		"region": "global", "tags": map[string]any{}, "project_id": latencyProject, "project_number": "700000000001",
		"parent":   map[string]any{"type": "organization", "id": "123456789012"},
		"ancestry": nil, "iam_policy": nil, "enabled_services": nil, "compute_metadata": nil, "compute_metadata_keys": nil,
		"essential_contacts": nil, "access_approval": nil})
	for i := 0; i < 150; i++ {
		name := fmt.Sprintf("latency-bucket-%03d", i)
		s.Add("gcp_storage_bucket", snapshot.Resource{"id": "//storage.googleapis.com/projects/_/buckets/" + name, "name": name,
			"region": "eu", "tags": map[string]any{}, "location": "EU", "uniform_bucket_level_access": true,
			"public_access_prevention": "enforced", "retention_policy": nil,
			"iam_policy": map[string]any{"bindings": []any{map[string]any{"role": "roles/storage.objectViewer",
				"members": []any{"group:data@acme.example"}, "condition": nil}}}})
	}
	for i := 0; i < 100; i++ {
		email := fmt.Sprintf("worker-%03d@%s.iam.gserviceaccount.com", i, latencyProject)
		s.Add("gcp_iam_service_account", snapshot.Resource{"id": "//iam.googleapis.com/projects/" + latencyProject + "/serviceAccounts/" + email,
			"name": email, "region": "global", "tags": map[string]any{}, "email": email, "unique_id": fmt.Sprintf("1%020d", i),
			"display_name": "worker", "disabled": false, "keys": []any{}})
	}
	s.Normalize()
	return s
}
