package engine

import (
	"context"
	"encoding/json"
	"os"
	"slices"
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

// updateExpect (INCLOUD_UPDATE_EXPECT=1) rewrites the depends_on copies in the expectations from
// the checks' metadata; the planted outcomes are never rewritten.
var updateExpect = os.Getenv("INCLOUD_UPDATE_EXPECT") == "1"

// writeExpectations writes expectations in the sidecars' layout (two-space indent, ids sorted,
// empty lists as []).
func writeExpectations(t *testing.T, path string, expect map[string]demoExpectation) {
	t.Helper()
	for id, e := range expect {
		for _, l := range []*[]string{&e.Fail, &e.Pass, &e.Error, &e.DependsOn} {
			if *l == nil {
				*l = []string{}
			}
		}
		expect[id] = e
	}
	data, err := json.MarshalIndent(expect, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
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
			rewrite := false
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
				if !slices.Equal(want.DependsOn, c.DependsOn) {
					if updateExpect {
						want.DependsOn = c.DependsOn
						expect[c.ID] = want
						rewrite = true
					} else {
						t.Errorf("%s %s: depends_on %v, but the check declares %v (INCLOUD_UPDATE_EXPECT=1 go test ./pkg/engine -run TestDemoSnapshots rewrites the copies)", name, c.ID, want.DependsOn, c.DependsOn)
					}
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
			if rewrite {
				writeExpectations(t, "../../testdata/snapshots/"+name+".expect.json", expect)
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
