package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/snapshot"
)

// scanChecks are the checks the scan test compares with the demo's expected results: the IAM
// and S3 checks that depend only on IAM and S3 data and not on the date of the collection
// (the scan's collected_at is now, the demo's is fixed).
var scanChecks = []string{
	"aws-iam-root-access-keys", "aws-iam-root-mfa", "aws-iam-root-hardware-mfa", "aws-iam-password-min-length",
	"aws-iam-password-reuse", "aws-iam-user-console-mfa", "aws-iam-user-single-active-key", "aws-iam-user-no-direct-policies",
	"aws-iam-policy-no-full-admin", "aws-iam-support-role", "aws-iam-cloudshell-full-access",
	"aws-iam-user-inline-admin-policy", "aws-iam-group-inline-admin-policy", "aws-iam-role-inline-admin-policy",
	"aws-s3-deny-http", "aws-s3-mfa-delete", "aws-s3-block-public-access", "aws-s3-public-acl-grants", "aws-s3-public-policy",
}

type expectation struct {
	Fail  []string `json:"fail"`
	Pass  []string `json:"pass"`
	Error []string `json:"error"`
}

// TestScanAWSEndToEnd scans the fake demo account through AWS_ENDPOINT_URL alone and checks
// that every planted misconfiguration fails on the right resource, every clean resource
// passes, and every resource that could not be read gives error, as the demo's expectations say.
func TestScanAWSEndToEnd(t *testing.T) {
	for _, name := range []string{"aws-demo", "aws-demo-secure"} {
		t.Run(name, func(t *testing.T) {
			fakeAccount(t, "../../testdata/snapshots/"+name+".json")
			raw, err := os.ReadFile("../../testdata/snapshots/" + name + ".expect.json")
			if err != nil {
				t.Fatal(err)
			}
			var expect map[string]expectation
			if err := json.Unmarshal(raw, &expect); err != nil {
				t.Fatal(err)
			}
			snapOut := filepath.Join(t.TempDir(), "snap.json")
			code, stdout, stderr := runAWSCLI(t, "scan", "aws", "--quiet", "--format", "json", "--snapshot-out", snapOut)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if _, err := snapshot.ReadFile(snapOut); err != nil {
				t.Errorf("--snapshot-out: %v", err)
			}
			var rep struct {
				Results []struct {
					CheckID    string `json:"check_id"`
					Status     string `json:"status"`
					ResourceID string `json:"resource_id"`
				} `json:"results"`
			}
			if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
				t.Fatalf("report: %v", err)
			}
			got := map[string]map[string][]string{}
			for _, r := range rep.Results {
				if got[r.CheckID] == nil {
					got[r.CheckID] = map[string][]string{}
				}
				got[r.CheckID][r.Status] = append(got[r.CheckID][r.Status], r.ResourceID)
			}
			for _, id := range scanChecks {
				want, ok := expect[id]
				if !ok {
					t.Errorf("%s: no expectation in the demo", id)
					continue
				}
				for status, ids := range map[string][]string{"fail": want.Fail, "pass": want.Pass, "error": want.Error} {
					w, g := sorted(ids), sorted(got[id][status])
					if strings.Join(w, " ") != strings.Join(g, " ") {
						t.Errorf("%s %s: got %v, want %v", id, status, g, w)
					}
				}
			}
		})
	}
}

func sorted(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}

func TestScanAWSFailOn(t *testing.T) {
	fakeAccount(t, "../../testdata/snapshots/aws-demo.json")
	code, _, stderr := runAWSCLI(t, "scan", "aws", "--quiet", "--services", "iam,s3", "--format", "json", "--output", filepath.Join(t.TempDir(), "r.json"), "--fail-on", "critical")
	if code != 1 || !strings.Contains(stderr, "failing result(s) at or above critical") {
		t.Errorf("exit %d, stderr %q; want 1 for the demo's critical failures", code, stderr)
	}
}
