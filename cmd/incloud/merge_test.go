package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/findings"
)

const (
	gcpDemo = "../../testdata/snapshots/gcp-demo.json"
)

func readReport(t *testing.T, p string) findings.Report {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var r findings.Report
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func canonical(t *testing.T, r findings.Report) string {
	t.Helper()
	r.GeneratedAt = findings.Report{}.GeneratedAt
	b, err := json.MarshalIndent(r, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Evaluating snapshots one report each and merging them gives the report of one run over all
// of them (modulo generated_at), in every format.
func TestMergeEqualsOneRun(t *testing.T) {
	dir := t.TempDir()
	one := filepath.Join(dir, "all.json")
	if code, _, stderr := runCLI(t, "eval", demo, demoSecure, gcpDemo, "--format", "json", "--output", one); code != 0 {
		t.Fatalf("eval all: exit %d: %s", code, stderr)
	}
	var parts []string
	for i, snap := range []string{gcpDemo, demo, demoSecure} {
		p := filepath.Join(dir, "part"+string(rune('0'+i))+".json")
		if code, _, stderr := runCLI(t, "eval", snap, "--format", "json", "--output", p); code != 0 {
			t.Fatalf("eval %s: exit %d: %s", snap, code, stderr)
		}
		parts = append(parts, p)
	}
	merged := filepath.Join(dir, "merged.json")
	sarif := filepath.Join(dir, "merged.sarif")
	args := append([]string{"merge"}, parts...)
	args = append(args, "--format", "json="+merged, "--format", "sarif="+sarif, "--format", "table")
	code, stdout, stderr := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	want, got := readReport(t, one), readReport(t, merged)
	if len(got.Targets) != 3 || len(got.Results) == 0 {
		t.Fatalf("merged report: %d targets, %d results", len(got.Targets), len(got.Results))
	}
	// One run lists targets in argument order, merge by provider and account.
	want.Targets = got.Targets
	if a, b := canonical(t, want), canonical(t, got); a != b {
		t.Errorf("merged report differs from one run over every snapshot:\n--- one run\n%.3000s\n--- merged\n%.3000s", a, b)
	}
	if !strings.Contains(stdout, "123456789012") || !strings.Contains(stdout, "acme-prod") {
		t.Errorf("table output does not name both accounts:\n%.2000s", stdout)
	}
	var log struct {
		Runs []json.RawMessage `json:"runs"`
	}
	data, err := os.ReadFile(sarif)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &log); err != nil || len(log.Runs) != 3 {
		t.Errorf("SARIF: want one run per account (3), got %d (%v)", len(log.Runs), err)
	}
}

func TestMergeRefuses(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.json")
	if code, _, stderr := runCLI(t, "eval", demo, "--format", "json", "--output", a); code != 0 {
		t.Fatalf("eval: exit %d: %s", code, stderr)
	}
	r := readReport(t, a)
	write := func(name string, r findings.Report) string {
		p := filepath.Join(dir, name)
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	other := r
	other.Tool.Version = "0.0.0-other"
	other.Targets = []findings.Target{{Provider: "aws", Account: "999999999999", Complete: true}}
	other.Results = nil
	older := write("older.json", other)
	edited := r
	edited.Results = append([]findings.Result(nil), r.Results...)
	edited.Results[0].ResourceID = "someone-else"
	editedPath := write("edited.json", edited)
	out := filepath.Join(dir, "out.json")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"overlap", []string{a, a}, "overlap"},
		{"versions", []string{a, older}, "same build"},
		{"edited", []string{editedPath}, "cannot be merged"},
		{"not a report", []string{demo}, "not an incloud JSON report"},
		{"output over an input", []string{a, "--format", "json=" + a}, "would overwrite"},
		{"unknown format", []string{a, "--format", "xml"}, "format"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(out)
			args := append([]string{"merge"}, tc.args...)
			args = append(args, "--output", out)
			code, _, stderr := runCLI(t, args...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s written although the merge was refused", out)
			}
		})
	}
	if code, _, stderr := runCLI(t, "merge"); code != 2 || !strings.Contains(stderr, "at least one") {
		t.Errorf("merge without reports: exit %d, %q", code, stderr)
	}
}
