package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/incloud/incloud/collectors/aws/awsfake"
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
	org := awsfake.Organization{ID: "o-fleettest1", ManagementAccount: orgMgmt, Accounts: []awsfake.OrgAccount{
		{ID: orgSecure, Name: "secure", Status: "ACTIVE"},
		{ID: orgMgmt, Name: "management", Status: "ACTIVE"},
		{ID: orgDenied, Name: "locked", Status: "ACTIVE"},
		{ID: orgSuspended, Name: "old", Status: "SUSPENDED"},
		{ID: orgDemoCopy, Name: "copy", Status: "ACTIVE"},
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
func awsEnv(t *testing.T, url string) []string {
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
