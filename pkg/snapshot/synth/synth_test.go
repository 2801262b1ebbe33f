package synth

import (
	"testing"

	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
)

// A small generated snapshot passes the schema gate, has n resources and no duplicate ids.
func TestGenerateSmall(t *testing.T) {
	demo, err := snapshot.ReadFile("../../../testdata/snapshots/aws-demo.json")
	if err != nil {
		t.Fatal(err)
	}
	const n = 300
	s, err := Generate(demo, n)
	if err != nil {
		t.Fatal(err)
	}
	data, err := snapshot.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := snapshot.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	v, err := snapshot.NewValidator(policies.FS, "schemas")
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Check(doc); err != nil {
		t.Fatalf("generated snapshot fails the schema gate: %v", err)
	}
	total := 0
	for typ, rs := range s.Resources {
		seen := map[string]bool{}
		for _, r := range rs {
			if seen[r.ID()] {
				t.Errorf("%s: duplicate id %q", typ, r.ID())
			}
			seen[r.ID()] = true
		}
		total += len(rs)
	}
	if total != n {
		t.Errorf("%d resources, want %d", total, n)
	}
	if len(demo.Resources["aws_s3_bucket"]) == len(s.Resources["aws_s3_bucket"]) {
		t.Errorf("buckets were not replicated")
	}
}
