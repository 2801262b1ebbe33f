package engine

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
)

// demoExpectation is one check's planted outcome in a demo snapshot (testdata/snapshots/*.expect.json).
type demoExpectation struct {
	Fail      []string `json:"fail"`
	Pass      []string `json:"pass"`
	Error     []string `json:"error"`
	DependsOn []string `json:"depends_on"`
}

// TestDemoSnapshots evaluates the built-in checks over the bundled demo snapshots and asserts every
// result against the planted expectations, that each check both passes and fails somewhere, and
// that the collection errors in the demo turn into error results.
func TestDemoSnapshots(t *testing.T) {
	e, err := Load(Options{Builtin: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]map[findings.Status]int{}
	for _, name := range []string{"aws-demo", "aws-demo-secure", "azure-demo", "azure-demo-secure", "gcp-demo", "gcp-demo-data"} {
		t.Run(name, func(t *testing.T) {
			s, err := snapshot.ReadFile("../../testdata/snapshots/" + name + ".json")
			if err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile("../../testdata/snapshots/" + name + ".expect.json")
			if err != nil {
				t.Fatal(err)
			}
			var expect map[string]demoExpectation
			if err := json.Unmarshal(raw, &expect); err != nil {
				t.Fatalf("%s.expect.json: %v", name, err)
			}
			rep, err := e.Evaluate(context.Background(), s)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]map[findings.Status][]string{}
			for _, r := range rep.Results {
				if got[r.CheckID] == nil {
					got[r.CheckID] = map[findings.Status][]string{}
				}
				got[r.CheckID][r.Status] = append(got[r.CheckID][r.Status], r.ResourceID)
				if seen[r.CheckID] == nil {
					seen[r.CheckID] = map[findings.Status]int{}
				}
				seen[r.CheckID][r.Status]++
			}
			for _, c := range e.Checks() {
				if c.Provider != s.Provider {
					continue
				}
				want, ok := expect[c.ID]
				if !ok {
					t.Errorf("%s: no expectation for check %s", name, c.ID)
					continue
				}
				for st, ids := range map[findings.Status][]string{findings.StatusFail: want.Fail, findings.StatusPass: want.Pass, findings.StatusError: want.Error} {
					g := append([]string(nil), got[c.ID][st]...)
					w := append([]string(nil), ids...)
					sort.Strings(g)
					sort.Strings(w)
					if strings.Join(g, "\n") != strings.Join(w, "\n") {
						t.Errorf("%s %s %s:\n got  %v\n want %v", name, c.ID, st, g, w)
					}
				}
			}
			if (name == "aws-demo" || name == "azure-demo" || name == "gcp-demo") && rep.Summary.ByStatus[findings.StatusError] == 0 {
				t.Error("the demo's collection errors produced no error result")
			}
		})
	}
	for _, c := range e.Checks() {
		if seen[c.ID][findings.StatusPass] == 0 || seen[c.ID][findings.StatusFail] == 0 {
			t.Errorf("%s does not both pass and fail across the demo snapshots: %v", c.ID, seen[c.ID])
		}
	}
}
