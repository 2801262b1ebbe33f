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
				if dateDependentChecks[c] {
					continue
				}
				compared++
				if a, b := flatten(scan[c]), flatten(eval[c]); a != b {
					t.Errorf("%s:\n scan %s\n eval %s", c, a, b)
				}
			}
			if compared < 50 {
				t.Errorf("only %d checks compared", compared)
			}
		})
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
