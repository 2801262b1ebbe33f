package aws

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/incloud/incloud/collectors/aws/awsfake"
	"github.com/incloud/incloud/pkg/snapshot"
)

// TestDemoRoundTrip serves each demo snapshot from the fake account and collects it back with
// every service: the collector must write exactly the demo, every resource and every error
// entry, byte for byte, so that the demo and the collector cannot drift apart.
func TestDemoRoundTrip(t *testing.T) {
	// Every resource type of the contract (one JSON Schema each) must be in the demos.
	schemas, err := filepath.Glob(filepath.Join("..", "..", "policies", "schemas", "aws", "aws_*.json"))
	if err != nil || len(schemas) == 0 {
		t.Fatalf("no resource type schemas: %v", err)
	}
	covered := map[string]bool{}
	for _, name := range []string{"aws-demo.json", "aws-demo-secure.json"} {
		t.Run(name, func(t *testing.T) {
			want, err := snapshot.ReadFile(filepath.Join("..", "..", "testdata", "snapshots", name))
			if err != nil {
				t.Fatal(err)
			}
			srv := awsfake.New(want)
			defer srv.Close()
			opts := testOptions(srv.URL)
			opts.Now = func() time.Time { return want.CollectedAt }
			opts.Version = want.Collector.Version
			got := collect(t, srv, opts)
			if strings.Join(got.Scope.Services, ",") != strings.Join(want.Scope.Services, ",") {
				t.Errorf("services %v, demo says %v", got.Scope.Services, want.Scope.Services)
			}
			assertSameSnapshot(t, want, got)
			for typ, rs := range want.Resources {
				covered[typ] = covered[typ] || len(rs) > 0
			}
		})
	}
	var missing []string
	for _, f := range schemas {
		if typ := strings.TrimSuffix(filepath.Base(f), ".json"); !covered[typ] {
			missing = append(missing, typ)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("the demo snapshots have no %v: the round trip does not cover them", missing)
	}
}
