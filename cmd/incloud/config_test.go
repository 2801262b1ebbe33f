package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/snapshot"
)

func TestBinaryConfigFile(t *testing.T) {
	demoAbs, _ := filepath.Abs(demo)
	dir := t.TempDir()
	writeFile(t, dir, ".incloud.yaml", `# shared by CI and laptops
format: [json]
fail-on: critical
check-timeout: 2m
regions: [eu-west-1]   # a scan flag: eval leaves it to scan
color: never
`)
	// The file in the working directory applies.
	code, out, errs := runBinary(t, dir, nil, "eval", demoAbs)
	if code != 1 || !strings.Contains(errs, "at or above critical") {
		t.Fatalf("eval with .incloud.yaml: exit %d, want 1 (fail-on: critical): %s", code, errs)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("format: [json] from the config file not applied: %v\n%.300s", err, out)
	}
	// Command-line flags win over it.
	code, out, errs = runBinary(t, dir, nil, "eval", demoAbs, "--format", "table", "--fail-on", "")
	if code != 0 || !strings.Contains(out, "SUMMARY") {
		t.Errorf("flags over the config file: exit %d (%s), table expected:\n%.300s", code, errs, out)
	}
	// --config names another file; lists accumulate their items.
	other := writeFile(t, dir, "ci.yaml", "format:\n  - json="+filepath.Join(dir, "r.json")+"\n  - csv="+filepath.Join(dir, "r.csv")+"\n")
	if code, _, errs := runBinary(t, dir, nil, "eval", demoAbs, "--config", other); code != 0 {
		t.Errorf("--config ci.yaml: exit %d: %s", code, errs)
	}
	for _, f := range []string{"r.json", "r.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("--config ci.yaml did not write %s: %v", f, err)
		}
	}
	if code, _, errs := runBinary(t, dir, nil, "eval", demoAbs, "--config", filepath.Join(dir, "missing.yaml")); code != 2 || !strings.Contains(errs, "missing.yaml") {
		t.Errorf("--config of a missing file: exit %d, %q", code, errs)
	}

	for _, tc := range []struct{ name, file, want string }{
		{"unknown key", "fail-on: high\n\nfial-on: high\n", `bad.yaml:3: unknown key "fial-on"`},
		{"list for a single value", "fail-on: [high, low]\n", "bad.yaml:1: fail-on: want a single string value, got a list"},
		{"not a number", "format: [json]\nworkers: many\n", `bad.yaml:2: workers: invalid argument "many"`},
		{"not a boolean", "no-builtin: maybe\n", "bad.yaml:1: no-builtin:"},
		{"a mapping", "fail-on:\n  level: high\n", "bad.yaml:2: fail-on: want a string value, got a mapping"},
		{"bad value", "color: sometimes\n", `bad.yaml:1: color: invalid argument "sometimes"`},
		{"twice", "fail-on: high\nfail-on: low\n", "bad.yaml:2: fail-on is already set on line 1"},
		{"not a mapping", "- fail-on\n", "bad.yaml:1: want a mapping"},
	} {
		bad := writeFile(t, dir, "bad.yaml", tc.file)
		code, _, errs := runBinary(t, dir, nil, "eval", demoAbs, "--config", bad)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", tc.name, code, errs, tc.want)
		}
	}
}

func TestConfigFileScan(t *testing.T) {
	dir := t.TempDir()
	// scan reads the same file; its own keys (regions) are taken, eval's are fine too.
	cfg := writeFile(t, dir, "incloud.yaml", "fail-on: high\nregions: [eu-west-1]\nbogus: 1\n")
	code, _, errs := runCLI(t, "scan", "aws", "--config", cfg, "--endpoint-url", "http://127.0.0.1:1")
	if code != 2 || !strings.Contains(errs, `incloud.yaml:3: unknown key "bogus"`) {
		t.Errorf("scan aws --config with an unknown key: exit %d, %q", code, errs)
	}
	code, out, _ := runCLI(t, "scan", "aws", "--help")
	if code != 0 || !strings.Contains(out, "--config string") {
		t.Errorf("scan aws --help lacks --config:\n%s", out)
	}
	cfg = writeFile(t, dir, "incloud.yaml", "regions: eu-west-1\nconcurrency: lots\n")
	code, _, errs = runCLI(t, "scan", "aws", "--config", cfg)
	if code != 2 || !strings.Contains(errs, `incloud.yaml:2: concurrency: invalid argument "lots"`) {
		t.Errorf("scan aws --config with a wrong type: exit %d, %q", code, errs)
	}
}

func TestConfigFileScanAppliesItsKeys(t *testing.T) {
	fakeAccount(t, demoSecure)
	dir := t.TempDir()
	snapOut := filepath.Join(dir, "snap.json")
	cfg := writeFile(t, dir, "ci.yaml", "quiet: true\nservices: [s3]\nformat: [json]\nsnapshot-out: "+snapOut+"\ncheck-timeout: 2m\n")
	code, out, errs := runAWSCLI(t, "scan", "aws", "--config", cfg)
	if code != 0 {
		t.Fatalf("scan aws --config: exit %d: %s", code, errs)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Errorf("format: [json] not applied: %v", err)
	}
	snap, err := snapshot.ReadFile(snapOut)
	if err != nil {
		t.Fatalf("snapshot-out not applied: %v", err)
	}
	if got := strings.Join(snap.Scope.Services, ","); got != "s3" {
		t.Errorf("services: [s3] not applied: scope services %q", got)
	}
}
