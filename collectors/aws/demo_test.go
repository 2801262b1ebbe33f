package aws

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/incloud/incloud/collectors/aws/awsfake"
	"github.com/incloud/incloud/pkg/snapshot"
)

// demoTypes are the resource types the round trip over the demo snapshots compares: those of
// the services in demoServices.
var (
	demoServices = []string{"iam", "s3"}
	demoTypes    = []string{"aws_account", "aws_iam_user", "aws_iam_group", "aws_iam_role", "aws_iam_policy",
		"aws_iam_server_certificate", "aws_s3_bucket"}
)

// TestDemoRoundTrip serves each demo snapshot from the fake account and collects it back: the
// collector must write exactly the demo's resources and errors (for the compared types), so
// that the demo and the collector cannot drift apart.
func TestDemoRoundTrip(t *testing.T) {
	for _, name := range []string{"aws-demo.json", "aws-demo-secure.json"} {
		t.Run(name, func(t *testing.T) {
			want, err := snapshot.ReadFile(filepath.Join("..", "..", "testdata", "snapshots", name))
			if err != nil {
				t.Fatal(err)
			}
			srv := awsfake.New(want)
			defer srv.Close()
			opts := testOptions(srv.URL, demoServices...)
			opts.Now = func() time.Time { return want.CollectedAt }
			opts.Version = want.Collector.Version
			got := collect(t, srv, opts)
			if got.Collector.Name != want.Collector.Name {
				t.Errorf("collector name %q, demo says %q", got.Collector.Name, want.Collector.Name)
			}
			if strings.Join(got.Scope.Regions, ",") != strings.Join(want.Scope.Regions, ",") {
				t.Errorf("regions %v, demo says %v", got.Scope.Regions, want.Scope.Regions)
			}
			// Only some services are collected: compare their types, and the demo's scope.
			got.Scope.Services = want.Scope.Services
			for _, typ := range demoTypes {
				if len(want.Resources[typ]) == 0 {
					t.Errorf("demo has no %s: the round trip does not cover it", typ)
				}
			}
			assertSameSnapshot(t, restrict(want, demoTypes...), restrict(got, demoTypes...))
		})
	}
}
