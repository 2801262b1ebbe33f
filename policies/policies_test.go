package policies

import (
	"context"
	"testing"

	"github.com/incloud/incloud/pkg/engine"
)

// TestRegoUnitTests loads the embedded policies as incloud does (metadata validated, sandboxed,
// type-checked against the resource schemas) and runs every _test.rego through OPA's tester.
func TestRegoUnitTests(t *testing.T) {
	results, err := engine.RunTests(context.Background(), engine.Options{Builtin: FS})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) == 0 {
		t.Fatal("no Rego tests found")
	}
	failed := 0
	for _, r := range results {
		if !r.Pass {
			failed++
			t.Errorf("%s.%s: %s", r.Package, r.Name, r.Detail)
		}
	}
	t.Logf("%d Rego tests, %d failed", len(results), failed)
}
