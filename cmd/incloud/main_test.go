package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const demo = "../../testdata/snapshots/aws-demo.json"

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEvalDemoJSON(t *testing.T) {
	code, out, errs := runCLI(t, "eval", demo, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("json output does not parse: %v", err)
	}
	for _, k := range []string{"schema_version", "tool", "generated_at", "targets", "summary", "results"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("report has no %q", k)
		}
	}
	results, _ := rep["results"].([]any)
	if len(results) == 0 {
		t.Fatal("no results")
	}
	statuses := map[string]int{}
	for _, r := range results {
		m := r.(map[string]any)
		for _, k := range []string{"check_id", "title", "status", "severity", "area", "service_model", "provider", "account", "region", "resource_id", "resource_type", "message", "frameworks", "remediation", "fingerprint"} {
			if _, ok := m[k]; !ok {
				t.Fatalf("result has no %q: %v", k, m)
			}
		}
		statuses[m["status"].(string)]++
	}
	if statuses["pass"] == 0 || statuses["fail"] == 0 || statuses["error"] == 0 {
		t.Errorf("demo should have pass, fail and error results: %v", statuses)
	}
}

func TestFailOnExitCodes(t *testing.T) {
	if code, _, errs := runCLI(t, "eval", demo, "--format", "json", "--fail-on", "critical"); code != 1 {
		t.Errorf("--fail-on critical on the demo: exit %d, want 1 (%s)", code, errs)
	} else if !strings.Contains(errs, "at or above critical") {
		t.Errorf("stderr should say why: %q", errs)
	}
	if code, _, _ := runCLI(t, "eval", demo, "--format", "json"); code != 0 {
		t.Errorf("without --fail-on: exit %d, want 0", code)
	}
}

func TestMultipleOutputs(t *testing.T) {
	dir := t.TempDir()
	sarif := filepath.Join(dir, "out.sarif")
	jsonOut := filepath.Join(dir, "out.json")
	code, out, errs := runCLI(t, "eval", demo, "--format", "table", "--format", "sarif="+sarif, "--format", "json="+jsonOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "aws-") {
		t.Errorf("table on stdout looks empty: %q", out)
	}
	for _, p := range []string{sarif, jsonOut} {
		b, err := os.ReadFile(p)
		if err != nil || !json.Valid(b) {
			t.Errorf("%s: %v (valid JSON: %v)", p, err, json.Valid(b))
		}
	}
	if code, _, errs := runCLI(t, "eval", demo, "--format", "json", "--format", "sarif"); code != 2 || !strings.Contains(errs, "only one output can go to stdout") {
		t.Errorf("two stdout outputs: exit %d %q", code, errs)
	}
}

func TestBadInputExitsTwo(t *testing.T) {
	dir := t.TempDir()
	demoBytes, err := os.ReadFile(demo)
	if err != nil {
		t.Fatal(err)
	}
	malformed := writeFile(t, dir, "malformed.json", "{\n  \"schema_version\": \"1\",\n  \"provider\": \"aws\" \"account\": \"1\"\n}\n")
	version := writeFile(t, dir, "v9.json", strings.Replace(string(demoBytes), `"schema_version": "1"`, `"schema_version": "9"`, 1))
	wrongType := writeFile(t, dir, "type.json", strings.Replace(string(demoBytes), `"complete": false`, `"complete": "no"`, 1))
	meta := `# METADATA
# title: Custom check
# description: d
# scope: package
# custom:
#   id: aws-s3-custom
#   severity: %s
#   area: data-protection
#   resource_type: aws_s3_bucket
#   service_model: paas
#   frameworks: {}
#   remediation: r
#   rationale: r
#   depends_on: [policy]
package incloud.aws.s3.custom

deny contains {"resource_id": b.id, "message": "m"} if {
	some b in input.resources.aws_s3_bucket
	%s
}
`
	badMeta := filepath.Dir(writeFile(t, dir, "badmeta/custom.rego", fmt.Sprintf(meta, "urgent", "b.name == \"x\"")))
	netPolicy := filepath.Dir(writeFile(t, dir, "net/custom.rego", fmt.Sprintf(meta, "high", `http.send({"method": "get", "url": "http://127.0.0.1:1"}).status_code == 200`)))
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"malformed snapshot", []string{"eval", malformed}, "line 3, column"},
		{"unknown schema version", []string{"eval", version}, `unsupported snapshot schema_version "9"`},
		{"wrong type", []string{"eval", wrongType}, "$.complete"},
		{"missing file", []string{"eval", filepath.Join(dir, "nope.json")}, "no such file"},
		{"bad metadata", []string{"eval", demo, "--policy-dir", badMeta}, "custom.severity"},
		{"http.send", []string{"eval", demo, "--policy-dir", netPolicy}, "http.send is not allowed"},
		{"unknown flag", []string{"eval", demo, "--formatt", "json"}, "unknown flag: --formatt"},
		{"unknown format", []string{"eval", demo, "--format", "yaml"}, `unknown format "yaml"`},
		{"bad fail-on", []string{"eval", demo, "--fail-on", "severe"}, `unknown severity "severe"`},
		{"no snapshot", []string{"eval"}, "at least one snapshot"},
		{"unknown command", []string{"evaluate"}, "unknown command"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := runCLI(t, c.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stderr %q)", code, errs)
			}
			if !strings.Contains(errs, c.want) {
				t.Errorf("stderr %q does not contain %q", errs, c.want)
			}
			if strings.Count(strings.TrimSpace(errs), "\n") > 0 && c.name != "bad metadata" && c.name != "http.send" {
				t.Errorf("want a one-line message, got %q", errs)
			}
		})
	}
}

func TestOutputNotClobberedOnBadInput(t *testing.T) {
	dir := t.TempDir()
	out := writeFile(t, dir, "report.json", "previous report\n")
	bad := writeFile(t, dir, "bad.json", "{")
	if code, _, _ := runCLI(t, "eval", bad, "--format", "json", "--output", out); code != 2 {
		t.Fatalf("exit %d", code)
	}
	if b, _ := os.ReadFile(out); string(b) != "previous report\n" {
		t.Errorf("previous report was changed: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestPoliciesListAndTest(t *testing.T) {
	code, out, errs := runCLI(t, "policies", "list", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var checks []map[string]any
	if err := json.Unmarshal([]byte(out), &checks); err != nil {
		t.Fatal(err)
	}
	if len(checks) < 10 {
		t.Errorf("only %d checks listed", len(checks))
	}
	for _, c := range checks {
		for _, k := range []string{"id", "title", "severity", "area", "frameworks"} {
			if _, ok := c[k]; !ok {
				t.Errorf("check without %s: %v", k, c)
			}
		}
	}
	dir := t.TempDir()
	writeFile(t, dir, "failing_test.rego", "package incloud.lib.mine_test\n\ntest_wrong if { 1 == 2 }\n")
	code, out, _ = runCLI(t, "policies", "test", dir)
	if code != 1 || !strings.Contains(out, "FAIL") || !strings.Contains(out, "1 failed") {
		t.Errorf("failing user test: exit %d, output %q", code, out)
	}
}

func TestValidate(t *testing.T) {
	code, out, errs := runCLI(t, "validate", demo)
	if code != 0 || !strings.Contains(out, "valid") {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	dir := t.TempDir()
	b, _ := os.ReadFile(demo)
	bad := writeFile(t, dir, "bad.json", strings.Replace(string(b), `"is_multi_region": true`, `"is_multi_region": "yes"`, 1))
	code, _, errs = runCLI(t, "validate", bad)
	if code != 2 || !strings.Contains(errs, "is_multi_region") {
		t.Errorf("invalid attribute type: exit %d %q", code, errs)
	}
}

// TestEvalRejectsResourcesOfTheWrongShape: a resource attribute of the wrong type could make a
// check pass wrongly, so eval refuses the snapshot with the JSON path of the problem.
func TestEvalRejectsResourcesOfTheWrongShape(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(demo)
	if err != nil {
		t.Fatal(err)
	}
	bad := writeFile(t, dir, "bad.json", strings.Replace(string(b), `"mfa_active": false`, `"mfa_active": "false"`, 1))
	code, _, errs := runCLI(t, "eval", bad, "--format", "json")
	if code != 2 || !strings.Contains(errs, "mfa_active") || !strings.Contains(errs, "does not match the resource schemas") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}
