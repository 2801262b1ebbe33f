package main

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

// dateDependentChecks count days from the snapshot's collected_at: a scan (collected now) and
// the demo (collected on a fixed date) may rightly disagree on them.
var dateDependentChecks = map[string]bool{
	"aws-iam-root-usage": true, "aws-iam-user-unused-credentials": true,
	"aws-iam-user-key-rotation": true, "aws-iam-expired-server-certificates": true,
}

// reportStatuses decodes a JSON report into check -> resource -> status.
func reportStatuses(t *testing.T, out string) map[string]map[string]string {
	t.Helper()
	var rep struct {
		Results []struct {
			CheckID    string `json:"check_id"`
			Status     string `json:"status"`
			ResourceID string `json:"resource_id"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("report: %v", err)
	}
	got := map[string]map[string]string{}
	for _, r := range rep.Results {
		if got[r.CheckID] == nil {
			got[r.CheckID] = map[string]string{}
		}
		got[r.CheckID][r.ResourceID] = r.Status
	}
	return got
}

// TestScanAWSMatchesEval scans the fake account serving each demo snapshot, through
// AWS_ENDPOINT_URL alone and with every service, and checks that every check gives the same
// status on the same resources as `incloud eval` of the demo snapshot itself: collecting an
// account and evaluating its snapshot are the same thing.
func TestScanAWSMatchesEval(t *testing.T) {
	for _, name := range []string{"aws-demo", "aws-demo-secure"} {
		t.Run(name, func(t *testing.T) {
			path := "../../testdata/snapshots/" + name + ".json"
			fakeAccount(t, path)
			code, scanOut, stderr := runAWSCLI(t, "scan", "aws", "--quiet", "--format", "json")
			if code != 0 {
				t.Fatalf("scan: exit %d: %s", code, stderr)
			}
			code, evalOut, stderr := runAWSCLI(t, "eval", path, "--format", "json")
			if code != 0 {
				t.Fatalf("eval: exit %d: %s", code, stderr)
			}
			sameStatuses(t, scanOut, evalOut, dateDependentChecks, 50)
		})
	}
}

// sameStatuses asserts that two JSON reports give every check the same status on the same
// resources, leaving out the checks in skip (those that count days from collected_at, on which
// a scan made now and a demo collected on a fixed date may rightly disagree), and that at least
// min checks were compared.
func sameStatuses(t *testing.T, scanOut, evalOut string, skip map[string]bool, min int) {
	t.Helper()
	scan, eval := reportStatuses(t, scanOut), reportStatuses(t, evalOut)
	checks := map[string]bool{}
	for c := range scan {
		checks[c] = true
	}
	for c := range eval {
		checks[c] = true
	}
	var ids []string
	for c := range checks {
		ids = append(ids, c)
	}
	sort.Strings(ids)
	compared := 0
	for _, c := range ids {
		if skip[c] {
			continue
		}
		compared++
		if a, b := flatten(scan[c]), flatten(eval[c]); a != b {
			t.Errorf("%s:\n scan %s\n eval %s", c, a, b)
		}
	}
	if compared < min {
		t.Errorf("only %d checks compared, want at least %d", compared, min)
	}
}

// flatten renders resource -> status sorted, for comparison.
func flatten(m map[string]string) string {
	var out []string
	for id, st := range m {
		out = append(out, id+"="+st)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// TestScanLeftOutServicesNeverPass scans with --services s3 only: the checks that read what the
// other services would have collected (IAM users, the root account, EC2, CloudTrail trails for
// the S3 object-logging checks) must report error, never pass, while the S3 checks still decide.
func TestScanLeftOutServicesNeverPass(t *testing.T) {
	path := "../../testdata/snapshots/aws-demo-secure.json"
	fakeAccount(t, path)
	code, out, stderr := runAWSCLI(t, "scan", "aws", "--quiet", "--services", "s3", "--format", "json")
	if code != 0 {
		t.Fatalf("scan: exit %d: %s", code, stderr)
	}
	got := reportStatuses(t, out)
	_, evalOut, _ := runAWSCLI(t, "eval", path, "--format", "json")
	full := reportStatuses(t, evalOut)
	for check, byRes := range got {
		for res, st := range byRes {
			if st != "pass" {
				continue
			}
			if !strings.HasPrefix(check, "aws-s3-") || strings.Contains(check, "object-") {
				t.Errorf("%s on %q passed although its data was not collected", check, res)
			}
			if full[check][res] != "pass" {
				t.Errorf("%s on %q: pass with s3 only, %s with every service", check, res, full[check][res])
			}
		}
	}
	for _, c := range []string{"aws-iam-root-mfa", "aws-iam-password-min-length", "aws-cloudtrail-multi-region"} {
		if len(got[c]) != 1 || flatten(got[c]) != flatten(map[string]string{"arn:aws:iam::111122223333:root": "error"}) {
			t.Errorf("%s: %v, want error on the account", c, got[c])
		}
	}
	for _, c := range []string{"aws-ec2-imdsv2", "aws-iam-user-console-mfa", "aws-kms-key-rotation"} {
		if got[c][""] != "error" {
			t.Errorf("%s: %v, want one error result for the type that was not listed", c, got[c])
		}
	}
	for res, st := range got["aws-s3-object-write-logging"] {
		if st != "error" {
			t.Errorf("aws-s3-object-write-logging on %s: %s, want error (CloudTrail not collected)", res, st)
		}
	}
	if flatten(got["aws-s3-mfa-delete"]) != flatten(full["aws-s3-mfa-delete"]) {
		t.Errorf("aws-s3-mfa-delete should decide as with every service:\n s3 only %v\n full     %v", got["aws-s3-mfa-delete"], full["aws-s3-mfa-delete"])
	}
}
