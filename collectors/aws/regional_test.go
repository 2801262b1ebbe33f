package aws

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/incloud/incloud/collectors/aws/awsfake"
	"github.com/incloud/incloud/pkg/snapshot"
)

// TestDemoRoundTripAll serves each demo snapshot from the fake account and collects it back
// with every service: the whole snapshot, every resource type and every error, must come back
// byte for byte.
func TestDemoRoundTripAll(t *testing.T) {
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
			assertSameSnapshot(t, want, got)
		})
	}
}
