package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// --checks, --skip-checks, --severity, --area and --framework choose what eval runs; what is
// left out has no results and is listed in the report.
func TestCheckSelectionThroughTheBinary(t *testing.T) {
	dir := t.TempDir()
	abs, err := filepath.Abs(demo)
	if err != nil {
		t.Fatal(err)
	}
	type report struct {
		Results []struct {
			CheckID  string `json:"check_id"`
			Severity string
			Area     string
		}
		Skipped []struct{ ID, Reason string } `json:"skipped_checks"`
		Checks  []struct{ ID string }
	}
	eval := func(args ...string) report {
		t.Helper()
		code, _, stderr := runBinary(t, dir, nil, append([]string{"eval", abs, "--format", "json=r.json"}, args...)...)
		if code != 0 {
			t.Fatalf("eval %v: exit %d: %s", args, code, stderr)
		}
		var r report
		readJSON(t, filepath.Join(dir, "r.json"), &r)
		return r
	}
	all := eval()
	if len(all.Skipped) != 0 {
		t.Errorf("no selection, yet %d checks skipped", len(all.Skipped))
	}
	r := eval("--checks", "aws-s3-*,aws-iam-root-mfa", "--skip-checks", "aws-s3-public-policy")
	ran := map[string]bool{}
	for _, res := range r.Results {
		ran[res.CheckID] = true
		if !(strings.HasPrefix(res.CheckID, "aws-s3-") || res.CheckID == "aws-iam-root-mfa") || res.CheckID == "aws-s3-public-policy" {
			t.Errorf("result of %s, which was not selected", res.CheckID)
		}
	}
	if !ran["aws-iam-root-mfa"] || !ran["aws-s3-block-public-access"] {
		t.Errorf("selected checks did not run: %v", ran)
	}
	skipped := map[string]string{}
	for _, s := range r.Skipped {
		skipped[s.ID] = s.Reason
	}
	if !strings.Contains(skipped["aws-s3-public-policy"], "--skip-checks") || !strings.Contains(skipped["aws-ebs-default-encryption"], "--checks") {
		t.Errorf("skipped checks and reasons: %v", skipped)
	}
	if len(r.Skipped)+len(ran) > len(all.Checks) || len(r.Skipped) == 0 {
		t.Errorf("%d skipped + %d run, of %d", len(r.Skipped), len(ran), len(all.Checks))
	}
	r = eval("--severity", "high", "--area", "network-controls")
	for _, res := range r.Results {
		if (res.Severity != "high" && res.Severity != "critical") || res.Area != "network-controls" {
			t.Errorf("--severity high --area network-controls ran %s (%s, %s)", res.CheckID, res.Severity, res.Area)
		}
	}
	if len(r.Results) == 0 {
		t.Error("--severity high --area network-controls ran nothing")
	}
	r = eval("--framework", "cis-aws-foundations-v6.0.0")
	if len(r.Results) == 0 || len(r.Skipped) == 0 {
		t.Errorf("--framework: %d results, %d skipped; the demo has checks outside CIS", len(r.Results), len(r.Skipped))
	}

	// Mistakes are usage errors, before anything is evaluated.
	for _, args := range [][]string{
		{"--checks", "aws-s3-nope"}, {"--skip-checks", "typo-*"}, {"--severity", "severe"},
		{"--area", "data"}, {"--framework", "cis-nope"},
	} {
		if code, _, stderr := runBinary(t, dir, nil, append([]string{"eval", abs}, args...)...); code != 2 || !strings.Contains(stderr, args[0]) {
			t.Errorf("eval %v: exit %d, stderr %q; want 2 naming %s", args, code, stderr, args[0])
		}
	}

	// policies list takes the same flags.
	code, out, stderr := runBinary(t, dir, nil, "policies", "list", "--checks", "aws-s3-*", "--severity", "critical", "--format", "json")
	if code != 0 {
		t.Fatalf("policies list: exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, `"aws-s3-public-policy"`) || strings.Contains(out, `"aws-s3-mfa-delete"`) || strings.Contains(out, `"aws-iam-root-mfa"`) {
		t.Errorf("policies list --checks aws-s3-* --severity critical:\n%s", out)
	}
}

// --fail-on-error: exit 1 when a result is an error or a snapshot is incomplete.
func TestFailOnErrorThroughTheBinary(t *testing.T) {
	dir := t.TempDir()
	abs, err := filepath.Abs(demo)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runBinary(t, dir, nil, "eval", abs, "--format", "json=r.json", "--fail-on-error")
	if code != 1 || !strings.Contains(stderr, "error result(s) (--fail-on-error)") {
		t.Errorf("demo (with error results) --fail-on-error: exit %d, stderr %q; want 1", code, stderr)
	}
	secure, err := filepath.Abs(demoSecure)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runBinary(t, dir, nil, "eval", secure, "--format", "json=r.json", "--fail-on-error")
	if code != 0 {
		t.Errorf("secure demo (no errors, complete) --fail-on-error: exit %d: %s", code, stderr)
	}
}
