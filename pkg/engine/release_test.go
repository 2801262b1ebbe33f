package engine

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
)

// A document released after its evaluation (audit.Run frees the values before writing reports)
// is refused, never evaluated into passes over nothing.
func TestReleasedDocumentIsRefused(t *testing.T) {
	e, err := Load(Options{Builtin: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../testdata/snapshots/aws-demo.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := snapshot.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.EvaluateTargets(context.Background(), d)
	if err != nil || len(rep.Results) == 0 {
		t.Fatalf("first evaluation: %d results, %v", len(rep.Results), err)
	}
	d.Release()
	if len(d.Resources) == 0 {
		t.Error("Release dropped the resource identities too")
	}
	rep, err = e.EvaluateTargets(context.Background(), d)
	if err == nil || !strings.Contains(err.Error(), "released") {
		t.Fatalf("evaluating a released document: %v, %v; want an error naming the release", rep, err)
	}
}
