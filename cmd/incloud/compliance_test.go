package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/compliance"
	"github.com/incloud/incloud/policies"
)

// The compliance view through the binary: --format compliance, the JSON report's section, the
// HTML report's section, and `incloud frameworks`.
func TestComplianceViewThroughTheBinary(t *testing.T) {
	catalogue, err := compliance.Load(policies.FS, "frameworks")
	if err != nil {
		t.Fatal(err)
	}
	var cis compliance.Framework
	for _, f := range catalogue {
		if f.Key == "cis-aws-foundations-v6.0.0" {
			cis = f
		}
	}
	if cis.Key == "" {
		t.Fatal("no CIS AWS catalogue embedded")
	}
	dir := t.TempDir()
	abs, err := filepath.Abs(demo)
	if err != nil {
		t.Fatal(err)
	}
	code, table, stderr := runBinary(t, dir, nil, "eval", abs, "--framework", cis.Key,
		"--format", "compliance", "--format", "json=r.json", "--format", "html=r.html")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep struct {
		Compliance []struct {
			Key      string
			Controls []struct {
				ID, Title, Assessment, Status string
				Level                         int
				Checks                        []string
				Pass, Fail, Error             int
			}
			Counts map[string]int
		}
	}
	readJSON(t, filepath.Join(dir, "r.json"), &rep)
	if len(rep.Compliance) != 1 || rep.Compliance[0].Key != cis.Key {
		t.Fatalf("JSON compliance section: %+v", rep.Compliance)
	}
	view := rep.Compliance[0]
	if len(view.Controls) != len(cis.Controls) {
		t.Errorf("%d controls in the view, %d in the catalogue: every control must be listed", len(view.Controls), len(cis.Controls))
	}
	statuses := map[string]int{}
	for i, c := range view.Controls {
		statuses[c.Status]++
		if i < len(cis.Controls) && (c.ID != cis.Controls[i].ID || c.Title != cis.Controls[i].Title || c.Level != cis.Controls[i].Level || c.Assessment != cis.Controls[i].Assessment) {
			t.Errorf("control %d: %+v, catalogue %+v", i, c, cis.Controls[i])
		}
		if (len(c.Checks) == 0) != (c.Status == "not-covered") {
			t.Errorf("control %s: status %s with checks %v", c.ID, c.Status, c.Checks)
		}
		if c.Status == "fail" && c.Fail == 0 || c.Status == "pass" && (c.Pass == 0 || c.Fail+c.Error > 0) {
			t.Errorf("control %s: status %s, counts %d/%d/%d", c.ID, c.Status, c.Pass, c.Fail, c.Error)
		}
	}
	if statuses["fail"] == 0 || statuses["not-covered"] == 0 || statuses["pass"] == 0 {
		t.Errorf("the demo should have failing, passing and uncovered CIS controls: %v", statuses)
	}
	for st, n := range statuses {
		if view.Counts[st] != n {
			t.Errorf("counts[%s] = %d, %d controls have it", st, view.Counts[st], n)
		}
	}
	// The table lists every control, uncovered ones as such.
	for _, c := range cis.Controls[:5] {
		if !strings.Contains(table, c.ID+" ") || !strings.Contains(table, c.Title) {
			t.Errorf("compliance table lacks control %s %q", c.ID, c.Title)
		}
	}
	if !strings.Contains(table, "not-covered") || !strings.Contains(table, cis.Title) {
		t.Errorf("compliance table:\n%s", table)
	}
	html, err := os.ReadFile(filepath.Join(dir, "r.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(html), `data-control="`); n != len(cis.Controls) || !strings.Contains(string(html), `id="compliance-h"`) {
		t.Errorf("HTML compliance section: %d control rows, want %d", n, len(cis.Controls))
	}

	// incloud frameworks: controls and coverage from the same catalogue.
	code, out, stderr := runBinary(t, dir, nil, "frameworks", "--format", "json")
	if code != 0 {
		t.Fatalf("frameworks: exit %d: %s", code, stderr)
	}
	var rows []struct {
		Key                       string
		Controls, Covered, Checks int
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if r.Key == cis.Key {
			found = true
			if r.Controls != len(cis.Controls) || r.Covered != len(cis.Controls)-statuses["not-covered"] || r.Checks == 0 {
				t.Errorf("frameworks row %+v; catalogue %d controls, %d not covered", r, len(cis.Controls), statuses["not-covered"])
			}
		}
	}
	if !found || len(rows) < len(catalogue) {
		t.Errorf("frameworks lists %+v, want every catalogue", rows)
	}
}
