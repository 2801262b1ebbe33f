package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/incloud/incloud/collectors/aws/awsfake"
	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/snapshot"
)

// The fake organization of the fleet tests: the management account (the caller, the demo
// account), two members with their own data, one member that refuses the audit role and one
// that is SUSPENDED.
const (
	orgMgmt      = "123456789012"
	orgSecure    = "111122223333"
	orgDemoCopy  = "555555555555"
	orgDenied    = "333333333333"
	orgSuspended = "444444444444"
	orgRole      = "incloud-audit"
	// The organization's tree: secure in workloads, the demo copy and the denied member one
	// level further down (workloads/sandbox); the management and suspended accounts at the root.
	orgOUWorkloads = "ou-test-workload1"
	orgOUSandbox   = "ou-test-sandbox01"
)

var orgAccounts = []string{orgSecure, orgMgmt, orgDenied, orgSuspended, orgDemoCopy}

// accountCopy reads a demo snapshot as another account's.
func accountCopy(t testing.TB, path, account string) *snapshot.Snapshot {
	t.Helper()
	s, err := snapshot.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Account = account
	return s
}

// fakeOrg serves the fake organization and points the SDK's standard environment at it (as
// fakeAccount does for one account).
func fakeOrg(t *testing.T) (*awsfake.Fleet, []string) {
	t.Helper()
	mgmt, err := snapshot.ReadFile(demo)
	if err != nil {
		t.Fatal(err)
	}
	org := awsfake.Organization{ID: "o-fleettest1", ManagementAccount: orgMgmt, Root: "r-test", Accounts: []awsfake.OrgAccount{
		{ID: orgSecure, Name: "secure", Status: "ACTIVE", Parent: orgOUWorkloads},
		{ID: orgMgmt, Name: "management", Status: "ACTIVE"},
		{ID: orgDenied, Name: "locked", Status: "ACTIVE", Parent: orgOUSandbox},
		{ID: orgSuspended, Name: "old", Status: "SUSPENDED"},
		{ID: orgDemoCopy, Name: "copy", Status: "ACTIVE", Parent: orgOUSandbox},
	}, OUs: []awsfake.OrgUnit{
		{ID: orgOUWorkloads, Name: "workloads"},
		{ID: orgOUSandbox, Name: "sandbox", Parent: orgOUWorkloads},
	}}
	f := awsfake.NewFleet(awsfake.New(mgmt, awsfake.WithOrganization(org)), map[string]*awsfake.Server{
		orgSecure:   awsfake.New(accountCopy(t, demoSecure, orgSecure)),
		orgDemoCopy: awsfake.New(accountCopy(t, demo, orgDemoCopy)),
	}, orgRole)
	f.Denied[orgDenied] = true
	t.Cleanup(f.Close)
	env := awsEnv(t, f.URL)
	return f, env
}

// awsEnv sets (for in-process runs) and returns (for the binary) the SDK's standard
// environment for a fake at url.
func awsEnv(t testing.TB, url string) []string {
	dir := t.TempDir()
	var env []string
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL":            url,
		"AWS_ACCESS_KEY_ID":           "AKIDINCLOUDTEST",
		"AWS_SECRET_ACCESS_KEY":       "test-secret-not-real",
		"AWS_SESSION_TOKEN":           "",
		"AWS_REGION":                  "us-east-1",
		"AWS_PROFILE":                 "",
		"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED":   "true",
		"AWS_MAX_ATTEMPTS":            "1",
	} {
		t.Setenv(k, v)
		env = append(env, k+"="+v)
	}
	return env
}

// collect --organization --output-dir writes one snapshot per collected member, none for the
// member that refused the role (its error on stderr, exit 1 after the others are written) or
// the suspended one (a note).
func TestCollectFleetOutputDir(t *testing.T) {
	fakeOrg(t)
	dir := filepath.Join(t.TempDir(), "snaps")
	code, stdout, stderr := runAWSCLI(t, "collect", "aws", "--organization", "--role", orgRole, "--services", "iam", "--output-dir", dir, "--quiet")
	if code != 1 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s; want 1 for the denied member", code, stdout, stderr)
	}
	if !strings.Contains(stderr, orgDenied) || !strings.Contains(stderr, "AccessDenied") || !strings.Contains(stderr, "1 of 5 AWS account(s) not collected") {
		t.Errorf("stderr does not name the denied member and its error: %s", stderr)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
	}
	want := []string{"aws-" + orgSecure + ".json", "aws-" + orgMgmt + ".json", "aws-" + orgDemoCopy + ".json"}
	slices.Sort(want)
	if !slices.Equal(files, want) {
		t.Fatalf("files %v, want %v", files, want)
	}
	for _, f := range files {
		s, err := snapshot.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if "aws-"+s.Account+".json" != f || len(s.Resources["aws_iam_user"]) == 0 {
			t.Errorf("%s holds account %s with %d users", f, s.Account, len(s.Resources["aws_iam_user"]))
		}
	}

	// One selected member and no --output-dir: its snapshot on stdout, as for one account.
	code, stdout, stderr = runAWSCLI(t, "collect", "aws", "--accounts", orgSecure, "--role", orgRole, "--services", "iam", "--quiet")
	if code != 0 {
		t.Fatalf("one member to stdout: exit %d: %s", code, stderr)
	}
	if d, err := snapshot.Read([]byte(stdout)); err != nil || d.Account != orgSecure {
		t.Errorf("one member to stdout: %v", err)
	}
}

// Fleet flags that cannot work are usage errors (exit 2), before any account is collected.
func TestCollectFleetUsageErrors(t *testing.T) {
	f, _ := fakeOrg(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--organization"}, "--organization needs --role"},
		{[]string{"--role", orgRole}, "--role needs --organization"},
		{[]string{"--accounts", orgSecure}, "only for a fleet"},
		{[]string{"--output-dir", dir}, "only for a fleet"},
		{[]string{"--shard", "1/2"}, "only for a fleet"},
		{[]string{"--organization", "--role", orgRole}, "give --output-dir"},
		{[]string{"--organization", "--role", orgRole, "--output-dir", dir, "--shard", "4/4"}, "the index must be from 0 to 3"},
		{[]string{"--organization", "--role", orgRole, "--output-dir", dir, "--accounts", "9*"}, "matched no account"},
		{[]string{"--organization", "--role", orgRole, "--output-dir", dir, "--account-concurrency", "0"}, "--account-concurrency must be at least 1"},
		{[]string{"--role", orgRole, "--organizational-unit", orgOUWorkloads, "--output-dir", dir}, "--organizational-unit needs --organization"},
		{[]string{"--organization", "--role", orgRole, "--organizational-unit", "workloads", "--output-dir", dir}, `"workloads" is not an organizational unit id`},
	} {
		code, _, stderr := runAWSCLI(t, append([]string{"collect", "aws", "--quiet", "--services", "iam"}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("usage errors wrote %d file(s)", len(entries))
	}
	for _, acct := range orgAccounts {
		if n := f.AssumeRoleCount(acct); n != 0 {
			t.Errorf("usage errors assumed the role in %s %d time(s)", acct, n)
		}
	}
}

// resultKey identifies a result for the comparisons of the fleet tests.
func resultKey(r findings.Result) string {
	return strings.Join([]string{r.CheckID, r.ResourceType, r.ResourceID, r.Region, string(r.Status), r.Message, r.Fingerprint}, " | ")
}

// scan aws --organization --role end to end against the fake organization: one report whose
// targets are every account in order; each collected account has exactly the results of
// scanning it alone; the account that refused the role is a target with the error and error
// results for its account-level checks; the suspended one is a skipped target; --fail-on
// decides the exit code.
func TestScanFleetEqualsEachAccountAlone(t *testing.T) {
	f, _ := fakeOrg(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "fleet.json")
	snaps := filepath.Join(dir, "snaps")
	code, _, stderr := runAWSCLI(t, "scan", "aws", "--organization", "--role", orgRole, "--services", "iam,s3", "--quiet",
		"--format", "json="+out, "--fail-on", "critical", "--snapshot-out", snaps, "--account-concurrency", "2")
	if code != 1 || !strings.Contains(stderr, "at or above critical") {
		t.Fatalf("exit %d, stderr %s; want 1 for the demo's critical failures", code, stderr)
	}
	if !strings.Contains(stderr, orgDenied) || !strings.Contains(stderr, "AccessDenied") {
		t.Errorf("stderr does not report the denied account: %s", stderr)
	}
	rep := readReport(t, out)
	var accounts []string
	for _, tg := range rep.Targets {
		accounts = append(accounts, tg.Account)
	}
	want := slices.Sorted(slices.Values(orgAccounts))
	if !slices.Equal(accounts, want) {
		t.Fatalf("targets %v, want %v", accounts, want)
	}
	byAccount := map[string][]findings.Result{}
	for _, r := range rep.Results {
		byAccount[r.Account] = append(byAccount[r.Account], r)
	}
	for _, tg := range rep.Targets {
		switch tg.Account {
		case orgDenied:
			if !strings.Contains(tg.Error, "AccessDenied") || tg.Name != "locked" || tg.Complete {
				t.Errorf("denied target %+v", tg)
			}
			if len(byAccount[orgDenied]) == 0 {
				t.Error("the denied account has no results")
			}
			for _, r := range byAccount[orgDenied] {
				if r.Status != findings.StatusError || r.ResourceType != "aws_account" || !strings.Contains(r.Message, "AccessDenied") {
					t.Errorf("denied account result %s", resultKey(r))
				}
			}
		case orgSuspended:
			if !strings.Contains(tg.Skipped, "SUSPENDED") || tg.Error != "" || len(byAccount[orgSuspended]) != 0 {
				t.Errorf("suspended target %+v with %d results", tg, len(byAccount[orgSuspended]))
			}
		default:
			if tg.Error != "" || tg.Skipped != "" || tg.CollectedAt.IsZero() {
				t.Errorf("collected target %+v", tg)
			}
			if _, err := snapshot.ReadFile(memberFile(snaps, "aws", tg.Account)); err != nil {
				t.Errorf("--snapshot-out: %v", err)
			}
			// The same account scanned alone, with its own credentials.
			alone := filepath.Join(dir, tg.Account+".json")
			t.Setenv("AWS_ENDPOINT_URL", f.Member(tg.Account).URL)
			code, _, stderr := runAWSCLI(t, "scan", "aws", "--services", "iam,s3", "--quiet", "--format", "json="+alone)
			if code != 0 {
				t.Fatalf("scan %s alone: exit %d: %s", tg.Account, code, stderr)
			}
			var got, exp []string
			for _, r := range byAccount[tg.Account] {
				got = append(got, resultKey(r))
			}
			for _, r := range readReport(t, alone).Results {
				exp = append(exp, resultKey(r))
			}
			if len(exp) < 20 || !slices.Equal(got, exp) {
				t.Errorf("account %s: %d results in the fleet scan, %d alone; first difference: %s", tg.Account, len(got), len(exp), firstDiff(got, exp))
			}
		}
	}
	// The management account and its copy hold the same data: their results stay apart.
	fp := map[string]bool{}
	for _, r := range byAccount[orgMgmt] {
		fp[r.Fingerprint] = true
	}
	for _, r := range byAccount[orgDemoCopy] {
		if fp[r.Fingerprint] {
			t.Errorf("result %s of %s has the fingerprint of a result of %s", r.CheckID, orgDemoCopy, orgMgmt)
		}
	}
	if len(byAccount[orgDemoCopy]) != len(byAccount[orgMgmt]) {
		t.Errorf("same data, %d and %d results", len(byAccount[orgDemoCopy]), len(byAccount[orgMgmt]))
	}

	// --organizational-unit narrows the targets to the accounts below the OUs, at any depth
	// (repeated, overlapping: each account once).
	t.Setenv("AWS_ENDPOINT_URL", f.URL)
	narrow := filepath.Join(dir, "ou.json")
	code, _, stderr = runAWSCLI(t, "scan", "aws", "--organization", "--role", orgRole, "--organizational-unit", orgOUSandbox,
		"--organizational-unit", orgOUWorkloads, "--services", "iam", "--quiet", "--format", "json="+narrow)
	if code == 2 {
		t.Fatalf("--organizational-unit: exit 2: %s", stderr)
	}
	accounts = nil
	for _, tg := range readReport(t, narrow).Targets {
		accounts = append(accounts, tg.Account)
	}
	if want := slices.Sorted(slices.Values([]string{orgSecure, orgDenied, orgDemoCopy})); !slices.Equal(accounts, want) {
		t.Errorf("--organizational-unit %s: targets %v, want %v", orgOUWorkloads, accounts, want)
	}
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return a[i] + "  <>  " + b[i]
		}
	}
	if len(a) != len(b) {
		return "lengths differ"
	}
	return "none"
}

// Four shards run as separate processes (two by --shard, two by --shard-count and
// JOB_COMPLETION_INDEX, as in a Kubernetes Indexed Job) and merged give the unsharded report
// (modulo generated_at and the accounts' collection times); every account is in exactly one
// shard.
func TestScanFleetShardsMerge(t *testing.T) {
	_, env := fakeOrg(t)
	dir := t.TempDir()
	base := []string{"scan", "aws", "--organization", "--role", orgRole, "--services", "iam", "--quiet", "--format"}
	whole := filepath.Join(dir, "whole.json")
	if code, _, stderr := runBinary(t, "", env, append(base, "json="+whole)...); code != 0 {
		t.Fatalf("unsharded: exit %d: %s", code, stderr)
	}
	var parts []string
	seen := map[string]int{}
	for i := range 4 {
		p := filepath.Join(dir, fmt.Sprintf("shard%d.json", i))
		args, shardEnv := append(slices.Clone(base), "json="+p), env
		if i < 2 {
			args = append(args, "--shard", fmt.Sprintf("%d/4", i))
		} else {
			args = append(args, "--shard-count", "4")
			shardEnv = append(slices.Clone(env), fmt.Sprintf("JOB_COMPLETION_INDEX=%d", i))
		}
		if code, _, stderr := runBinary(t, "", shardEnv, args...); code != 0 {
			t.Fatalf("shard %d: exit %d: %s", i, code, stderr)
		}
		for _, tg := range readReport(t, p).Targets {
			seen[tg.Account]++
		}
		parts = append(parts, p)
	}
	for _, a := range orgAccounts {
		if seen[a] != 1 {
			t.Errorf("account %s in %d shards", a, seen[a])
		}
	}
	merged := filepath.Join(dir, "merged.json")
	if code, _, stderr := runBinary(t, "", nil, append(append([]string{"merge"}, parts...), "--format", "json="+merged)...); code != 0 {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	norm := func(r findings.Report) string {
		for i := range r.Targets {
			r.Targets[i].CollectedAt = time.Time{}
		}
		return canonical(t, r)
	}
	if a, b := norm(readReport(t, whole)), norm(readReport(t, merged)); a != b {
		t.Errorf("merged shards differ from the unsharded run:\n%s", firstDiff(strings.Split(a, "\n"), strings.Split(b, "\n")))
	}
}

// --timeout in a fleet scan: the account being collected when it passes is reported
// incomplete, the accounts not started as targets with the error, none dropped, and the report
// is written.
func TestScanFleetTimeout(t *testing.T) {
	mgmt, err := snapshot.ReadFile(demo)
	if err != nil {
		t.Fatal(err)
	}
	org := awsfake.Organization{ID: "o-fleettest2", ManagementAccount: orgMgmt, Accounts: []awsfake.OrgAccount{
		{ID: orgSecure, Name: "slow", Status: "ACTIVE"},
		{ID: orgMgmt, Name: "management", Status: "ACTIVE"},
		{ID: orgSuspended, Name: "old", Status: "SUSPENDED"},
	}}
	f := awsfake.NewFleet(awsfake.New(mgmt, awsfake.WithOrganization(org)), map[string]*awsfake.Server{
		orgSecure: awsfake.New(accountCopy(t, demoSecure, orgSecure), awsfake.WithLatency(300*time.Millisecond)),
	}, orgRole)
	t.Cleanup(f.Close)
	awsEnv(t, f.URL)
	out := filepath.Join(t.TempDir(), "r.json")
	// One account at a time: the slow member (first by id) holds the only slot past the
	// deadline, so the management account never starts.
	code, _, stderr := runAWSCLI(t, "scan", "aws", "--organization", "--role", orgRole, "--services", "iam", "--quiet",
		"--account-concurrency", "1", "--timeout", "1s", "--format", "json="+out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rep := readReport(t, out)
	if len(rep.Targets) != 3 {
		t.Fatalf("targets %+v", rep.Targets)
	}
	if tg := rep.Targets[0]; tg.Account != orgSecure || tg.Complete || tg.Error != "" {
		t.Errorf("the account cut by the deadline: %+v, want an incomplete snapshot", tg)
	}
	if tg := rep.Targets[1]; tg.Account != orgMgmt || !strings.Contains(tg.Error, "stopped before this account's turn") {
		t.Errorf("the account not started: %+v, want an error target", tg)
	}
	if tg := rep.Targets[2]; tg.Account != orgSuspended || tg.Skipped == "" {
		t.Errorf("the suspended account: %+v", tg)
	}
	if !strings.Contains(stderr, orgMgmt) {
		t.Errorf("stderr does not name the account not collected: %s", stderr)
	}
}
