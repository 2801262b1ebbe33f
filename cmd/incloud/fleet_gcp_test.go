package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/incloud/incloud/collectors/gcp/gcpfake"
	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/snapshot"
)

// The fake GCP organization of the CLI fleet tests:
//
//	organizations/123456789012
//	├── folders/987654321098 Production: acme-prod (the demo), acme-retired (DELETE_REQUESTED)
//	└── folders/100000000001 Data: acme-data (the data demo), acme-denied (every call PERMISSION_DENIED)
const (
	gcpOrg        = "123456789012"
	gcpFolderProd = "987654321098"
	gcpFolderData = "100000000001"
)

// fakeGCPOrg serves the organization. acme-data is moved to the Data folder and given the
// organization's contacts of acme-prod: the fleet answers an organization-level call from one
// project's seed, so the seeds must agree on the organization's data.
func fakeGCPOrg(t *testing.T) *gcpfake.Fleet {
	t.Helper()
	prod, err := snapshot.ReadFile("../../testdata/snapshots/gcp-demo.json")
	if err != nil {
		t.Fatal(err)
	}
	data, err := snapshot.ReadFile("../../testdata/snapshots/gcp-demo-data.json")
	if err != nil {
		t.Fatal(err)
	}
	p := data.Resources["gcp_project"][0]
	p["parent"] = map[string]any{"type": "folder", "id": gcpFolderData}
	p["ancestry"] = []any{map[string]any{"type": "project", "id": "acme-data"}, map[string]any{"type": "folder", "id": gcpFolderData},
		map[string]any{"type": "organization", "id": gcpOrg}}
	contacts := slices.Clone(prod.Resources["gcp_project"][0]["essential_contacts"].([]any))
	for _, c := range p["essential_contacts"].([]any) {
		if c.(map[string]any)["parent"] == "projects/acme-data" {
			contacts = append(contacts, c)
		}
	}
	p["essential_contacts"] = contacts
	f := gcpfake.NewFleet([]string{gcpOrg}, []gcpfake.Folder{
		{ID: gcpFolderProd, DisplayName: "Production", Parent: "organizations/" + gcpOrg},
		{ID: gcpFolderData, DisplayName: "Data", Parent: "organizations/" + gcpOrg},
	}, []gcpfake.Project{
		{ID: "acme-prod", Number: "412345678901", DisplayName: "ACME prod", Parent: "folders/" + gcpFolderProd, Server: gcpfake.New(prod)},
		{ID: "acme-retired", Number: "600000000005", DisplayName: "Retired", Parent: "folders/" + gcpFolderProd, State: "DELETE_REQUESTED"},
		{ID: "acme-data", Number: "512345678902", DisplayName: "ACME data", Parent: "folders/" + gcpFolderData, Server: gcpfake.New(data)},
		{ID: "acme-denied", Number: "600000000006", DisplayName: "Denied", Parent: "folders/" + gcpFolderData},
	})
	t.Cleanup(f.Close)
	return f
}

// accountResults is the JSON report of one account's results of a fleet report, for
// sameStatuses.
func accountResults(t *testing.T, rep findings.Report, account string) (string, []findings.Result) {
	t.Helper()
	var rs []findings.Result
	for _, r := range rep.Results {
		if r.Account == account {
			rs = append(rs, r)
		}
	}
	b, err := json.Marshal(map[string]any{"results": rs})
	if err != nil {
		t.Fatal(err)
	}
	return string(b), rs
}

// targetAccounts lists a report's targets as "account" or "account (skipped)" / "(error)".
func targetAccounts(rep findings.Report) []string {
	var out []string
	for _, tg := range rep.Targets {
		switch {
		case tg.Skipped != "":
			out = append(out, tg.Account+" (skipped)")
		case tg.Error != "":
			out = append(out, tg.Account+" (error)")
		default:
			out = append(out, tg.Account)
		}
	}
	return out
}

// assertFleetMember checks that one collected member of a fleet report has exactly the results
// of scanning it alone (report alone, JSON): the same status of every check on every resource,
// and the same results, fingerprints included; complete (no collection error) as alone.
func assertFleetMember(t *testing.T, rep findings.Report, account, alone string, minChecks int) {
	t.Helper()
	got, rs := accountResults(t, rep, account)
	sameStatuses(t, got, alone, nil, minChecks)
	var a findings.Report
	if err := json.Unmarshal([]byte(alone), &a); err != nil {
		t.Fatal(err)
	}
	for _, tg := range rep.Targets {
		if tg.Account == account && (len(a.Targets) != 1 || a.Targets[0].Complete != tg.Complete) {
			t.Errorf("%s: target %+v in the fleet scan, %+v alone", account, tg, a.Targets)
		}
	}
	var gk, ak []string
	for _, r := range rs {
		gk = append(gk, resultKey(r))
	}
	for _, r := range a.Results {
		ak = append(ak, resultKey(r))
	}
	if !slices.Equal(gk, ak) {
		t.Errorf("%s: %d results in the fleet scan, %d alone; first difference: %s", account, len(gk), len(ak), firstDiff(gk, ak))
	}
}

// scan gcp --organization end to end: one report whose targets are every project below the
// organization; each ACTIVE project has exactly the results of `scan gcp --project` of it
// alone; the project without permission is an error target with error results on its
// project-level checks; the DELETE_REQUESTED one is skipped. --folder narrows to the folder's
// projects; --accounts and --exclude-accounts globs narrow the listing; --accounts with plain
// ids and no root is an explicit list.
func TestScanGCPFleet(t *testing.T) {
	f := fakeGCPOrg(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "org.json")
	code, _, stderr := runCLI(t, "scan", "gcp", "--organization", gcpOrg, "--endpoint-url", f.URL, "--quiet", "--format", "json="+out)
	if code != 0 {
		t.Fatalf("scan --organization: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "acme-denied") || !strings.Contains(stderr, "PERMISSION_DENIED") {
		t.Errorf("stderr does not report the denied project: %s", stderr)
	}
	rep := readReport(t, out)
	if got, want := targetAccounts(rep), []string{"acme-data", "acme-denied (error)", "acme-prod", "acme-retired (skipped)"}; !slices.Equal(got, want) {
		t.Fatalf("targets %v, want %v", got, want)
	}
	for _, tg := range rep.Targets {
		_, rs := accountResults(t, rep, tg.Account)
		switch tg.Account {
		case "acme-denied":
			if tg.Name != "Denied" || tg.Complete || !strings.Contains(tg.Error, "PERMISSION_DENIED") {
				t.Errorf("denied target %+v", tg)
			}
			if len(rs) == 0 {
				t.Error("the denied project has no results")
			}
			for _, r := range rs {
				if r.Status != findings.StatusError || r.ResourceType != "gcp_project" || !strings.Contains(r.Message, "PERMISSION_DENIED") {
					t.Errorf("denied project result %s", resultKey(r))
				}
			}
		case "acme-retired":
			if tg.Skipped != "DELETE_REQUESTED" || tg.Error != "" || len(rs) != 0 {
				t.Errorf("retired target %+v with %d results", tg, len(rs))
			}
		default:
			if tg.Error != "" || tg.CollectedAt.IsZero() {
				t.Errorf("collected target %+v", tg)
			}
			code, alone, stderr := runCLI(t, "scan", "gcp", "--project", tg.Account, "--endpoint-url", f.Project(tg.Account).URL, "--quiet", "--format", "json")
			if code != 0 {
				t.Fatalf("scan %s alone: exit %d: %s", tg.Account, code, stderr)
			}
			assertFleetMember(t, rep, tg.Account, alone, 30)
		}
	}

	// Narrowing: the listing decides, only the selected projects are collected.
	for _, tc := range []struct {
		args []string
		want []string
		code int
	}{
		{[]string{"--folder", gcpFolderData}, []string{"acme-data", "acme-denied (error)"}, 0},
		{[]string{"--folder", "folders/" + gcpFolderProd}, []string{"acme-prod", "acme-retired (skipped)"}, 0},
		{[]string{"--organization", gcpOrg, "--accounts", "acme-d*"}, []string{"acme-data", "acme-denied (error)"}, 0},
		{[]string{"--organization", gcpOrg, "--exclude-accounts", "*-denied,acme-r?tired"}, []string{"acme-data", "acme-prod"}, 0},
		{[]string{"--folder", gcpFolderData, "--accounts", "acme-*", "--exclude-accounts", "acme-data"}, []string{"acme-denied (error)"}, 0},
		// Plain project ids without a root: exactly those projects.
		{[]string{"--accounts", "acme-prod,acme-denied"}, []string{"acme-denied (error)", "acme-prod"}, 0},
		// --fail-on-error fails the run for a project that could not be collected.
		{[]string{"--folder", gcpFolderData, "--accounts", "acme-denied", "--fail-on-error"}, []string{"acme-denied (error)"}, 1},
	} {
		p := filepath.Join(dir, "narrow.json")
		code, _, stderr := runCLI(t, append([]string{"scan", "gcp", "--endpoint-url", f.URL, "--services", "resourcemanager,storage", "--quiet", "--format", "json=" + p}, tc.args...)...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d: %s", tc.args, code, tc.code, stderr)
			continue
		}
		if got := targetAccounts(readReport(t, p)); !slices.Equal(got, tc.want) {
			t.Errorf("%v: targets %v, want %v", tc.args, got, tc.want)
		}
	}
}
