package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/incloud/incloud/pkg/findings"
)

func diffResult(check, resource string, st findings.Status, sev findings.Severity) findings.Result {
	const account, region, rtype = "111122223333", "eu-west-1", "aws_s3_bucket"
	return findings.Result{
		CheckID: check, Title: "title", Status: st, Severity: sev, Area: "data-protection",
		ServiceModel: "paas", Provider: "aws", Account: account, Region: region,
		ResourceID: resource, ResourceType: rtype, Message: string(st) + " " + resource,
		Fingerprint: findings.Fingerprint(check, "aws", account, region, rtype, resource),
	}
}

func writeReport(t *testing.T, dir, name string, generated time.Time, account string, results ...findings.Result) string {
	t.Helper()
	r := findings.Report{
		SchemaVersion: findings.ReportSchemaVersion,
		Tool:          findings.Tool{Name: "incloud", Version: "test"},
		GeneratedAt:   generated,
		Targets:       []findings.Target{{Provider: "aws", Account: account, CollectedAt: generated, Complete: true}},
		Results:       results,
	}
	findings.Sort(r.Results)
	r.Summary = findings.Summarize(r.Results)
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// runDiff runs "incloud diff ARGS" through cobra under a parent with the real root's flag error
// handling, and maps the error to an exit code the way run does.
func runDiff(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	parent := &cobra.Command{Use: "incloud", SilenceUsage: true, SilenceErrors: true}
	parent.SetFlagErrorFunc(newRootCmd().FlagErrorFunc())
	parent.AddCommand(newDiffCmd())
	var out, errOut bytes.Buffer
	parent.SetArgs(append([]string{"diff"}, args...))
	parent.SetOut(&out)
	parent.SetErr(&errOut)
	err := parent.Execute()
	if err == nil {
		return out.String(), errOut.String(), 0
	}
	code = 2
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	if ee == nil || ee.err != nil {
		errOut.WriteString("incloud: " + err.Error() + "\n")
	}
	return out.String(), errOut.String(), code
}

type diffFixture struct {
	old, new string
}

func newDiffFixture(t *testing.T) diffFixture {
	dir := t.TempDir()
	day1 := time.Date(2026, 4, 1, 6, 0, 0, 0, time.UTC)
	day2 := day1.AddDate(0, 0, 1)
	const pab, ssh = "aws-s3-block-public-access", "aws-ec2-sg-open-ssh"
	return diffFixture{
		old: writeReport(t, dir, "old.json", day1, "111122223333",
			diffResult(pab, "arn:aws:s3:::still", findings.StatusFail, findings.SeverityHigh),
			diffResult(pab, "arn:aws:s3:::fixed", findings.StatusFail, findings.SeverityHigh),
			diffResult(ssh, "sg-ok", findings.StatusPass, findings.SeverityCritical),
			diffResult(pab, "arn:aws:s3:::low-was-ok", findings.StatusPass, findings.SeverityLow),
		),
		new: writeReport(t, dir, "new.json", day2, "111122223333",
			diffResult(pab, "arn:aws:s3:::still", findings.StatusFail, findings.SeverityHigh),
			diffResult(pab, "arn:aws:s3:::fixed", findings.StatusPass, findings.SeverityHigh),
			diffResult(ssh, "sg-ok", findings.StatusPass, findings.SeverityCritical),
			diffResult(pab, "arn:aws:s3:::low-was-ok", findings.StatusFail, findings.SeverityLow),
			diffResult(ssh, "sg-new", findings.StatusFail, findings.SeverityMedium),
			diffResult(ssh, "sg-denied", findings.StatusError, findings.SeverityCritical),
		),
	}
}

func TestDiffCmdTable(t *testing.T) {
	fx := newDiffFixture(t)
	out, errOut, code := runDiff(t, fx.old, fx.new)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		"2 new failures, 1 resolved, 0 gone, 1 still failing, 0 newly waived, 1 new error",
		"New failures by severity: 1 medium, 1 low",
		"sg-new", "arn:aws:s3:::low-was-ok", "sg-denied", "arn:aws:s3:::fixed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if errOut != "" {
		t.Errorf("unexpected stderr %q", errOut)
	}
	t.Logf("table output:\n%s", out)
}

func TestDiffCmdJSON(t *testing.T) {
	fx := newDiffFixture(t)
	out, _, code := runDiff(t, "--format", "json", fx.old, fx.new)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var d struct {
		NewFailures []struct {
			ResourceID string `json:"resource_id"`
			Before     string `json:"before"`
		} `json:"new_failures"`
		StillFailing []json.RawMessage `json:"still_failing"`
		Resolved     []json.RawMessage `json:"resolved"`
		NewErrors    []json.RawMessage `json:"new_errors"`
		Summary      struct {
			NewFailures int `json:"new_failures"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(d.NewFailures) != 2 || d.NewFailures[0].ResourceID != "sg-new" || d.NewFailures[0].Before != "absent" ||
		d.NewFailures[1].ResourceID != "arn:aws:s3:::low-was-ok" || d.NewFailures[1].Before != "pass" {
		t.Errorf("new_failures = %+v", d.NewFailures)
	}
	if len(d.StillFailing) != 1 || len(d.Resolved) != 1 || len(d.NewErrors) != 1 || d.Summary.NewFailures != 2 {
		t.Errorf("diff = %s", out)
	}
}

func TestDiffCmdFailOn(t *testing.T) {
	fx := newDiffFixture(t)
	cases := []struct {
		failOn string
		code   int
		stderr string
	}{
		{"", 0, ""},
		{"critical", 0, ""},
		{"high", 0, ""}, // still failing high results do not count: they are not new
		{"medium", 1, "incloud: 1 new failure(s) at or above medium"},
		{"LOW", 1, "incloud: 2 new failure(s) at or above low"},
		{"info", 1, "2 new failure(s)"},
	}
	for _, c := range cases {
		args := []string{fx.old, fx.new}
		if c.failOn != "" {
			args = append(args, "--fail-on", c.failOn)
		}
		out, errOut, code := runDiff(t, args...)
		if code != c.code {
			t.Errorf("--fail-on %q: exit %d, want %d (stderr %q)", c.failOn, code, c.code, errOut)
		}
		if c.stderr != "" && !strings.Contains(errOut, c.stderr) {
			t.Errorf("--fail-on %q: stderr %q lacks %q", c.failOn, errOut, c.stderr)
		}
		if c.stderr == "" && errOut != "" {
			t.Errorf("--fail-on %q: unexpected stderr %q", c.failOn, errOut)
		}
		if !strings.Contains(out, "2 new failures") {
			t.Errorf("--fail-on %q: the diff is not written: %q", c.failOn, out)
		}
	}
	// Comparing a report with itself finds nothing new, whatever the threshold.
	if _, _, code := runDiff(t, fx.new, fx.new, "--fail-on", "info"); code != 0 {
		t.Errorf("self diff: exit %d", code)
	}
}

func TestDiffCmdUsageErrors(t *testing.T) {
	fx := newDiffFixture(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{\"schema_version\": \"1\",\n \"results\": [}"), 0o644)
	v2 := filepath.Join(dir, "v2.json")
	os.WriteFile(v2, []byte(`{"schema_version": "2", "results": []}`), 0o644)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no arguments", nil, "diff needs two JSON reports, OLD and NEW, got 0 argument(s)"},
		{"one argument", []string{fx.old}, "got 1 argument(s)"},
		{"three arguments", []string{fx.old, fx.new, fx.new}, "got 3 argument(s)"},
		{"bad severity", []string{fx.old, fx.new, "--fail-on", "severe"}, `--fail-on: unknown severity "severe"`},
		{"bad format", []string{fx.old, fx.new, "--format", "sarif"}, `--format: unknown format "sarif" (want table or json)`},
		{"unknown flag", []string{fx.old, fx.new, "--baseline", "x"}, "unknown flag: --baseline"},
		{"missing file", []string{filepath.Join(dir, "nope.json"), fx.new}, "nope.json"},
		{"malformed JSON", []string{fx.old, bad}, "bad.json: invalid JSON at line 2"},
		{"wrong schema version", []string{v2, fx.new}, `schema_version "2" is not supported`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := runDiff(t, c.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(errOut, c.want) {
				t.Errorf("stderr %q lacks %q", errOut, c.want)
			}
			if out != "" {
				t.Errorf("unexpected stdout %q", out)
			}
		})
	}
}

func TestDiffCmdWarnings(t *testing.T) {
	dir := t.TempDir()
	day1 := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	r := diffResult("aws-s3-block-public-access", "arn:aws:s3:::a", findings.StatusFail, findings.SeverityHigh)
	a := writeReport(t, dir, "a.json", day1, "111122223333", r)
	b := writeReport(t, dir, "b.json", day1.AddDate(0, 0, 1), "444455556666", r)
	_, errOut, code := runDiff(t, b, a)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"incloud: warning: the reports cover different accounts (OLD: aws:444455556666; NEW: aws:111122223333)",
		"incloud: warning: OLD was generated after NEW (2026-04-02T00:00:00Z > 2026-04-01T00:00:00Z): were the arguments swapped?",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr %q lacks %q", errOut, want)
		}
	}
	if _, errOut, _ := runDiff(t, a, a); errOut != "" {
		t.Errorf("same report: unexpected warnings %q", errOut)
	}
}

func TestBinaryDiffOutput(t *testing.T) {
	f := newDiffFixture(t)
	out := filepath.Join(t.TempDir(), "diff.json")
	code, stdout, errs := runBinary(t, "", nil, "diff", f.old, f.new, "--format", "json", "--output", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if stdout != "" {
		t.Errorf("--output given, but stdout has %q", stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatalf("--output file is not the JSON diff: %v", err)
	}
	if _, ok := d["new_failures"]; !ok {
		t.Errorf("diff JSON lacks new_failures: %s", data)
	}
	before, _ := os.ReadFile(f.new)
	code, _, errs = runBinary(t, "", nil, "diff", f.old, f.new, "-o", f.new)
	if after, _ := os.ReadFile(f.new); code != 2 || !strings.Contains(errs, "would overwrite the report") || !bytes.Equal(before, after) {
		t.Errorf("-o NEW: exit %d (%s); want 2 and NEW untouched", code, errs)
	}
}
