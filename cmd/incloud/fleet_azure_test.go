package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/incloud/incloud/collectors/azure/azurefake"
	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/snapshot"
)

// The fake Azure tenant of the CLI fleet tests: management groups contoso > corp; prod
// (Enabled, corp) and sandbox (Warned, no group) with their own data, locked (corp; listed, but
// every read of it denied) and retired (Disabled, corp).
const (
	azProd    = "11111111-1111-4111-8111-111111111111"
	azSandbox = "22222222-2222-4222-8222-222222222222"
	azLocked  = "33333333-3333-4333-8333-333333333333"
	azRetired = "44444444-4444-4444-8444-444444444444"
)

// azureSeed is the secure demo as subscription id, without its first drop storage accounts: the
// subscriptions have their own data and share the tenant's Entra ID data.
func azureSeed(t *testing.T, id string, drop int) *snapshot.Snapshot {
	t.Helper()
	base, err := snapshot.ReadFile("../../testdata/snapshots/azure-demo-secure.json")
	if err != nil {
		t.Fatal(err)
	}
	data, err := snapshot.Marshal(base)
	if err != nil {
		t.Fatal(err)
	}
	s, err := snapshot.Parse([]byte(strings.ReplaceAll(string(data), base.Account, id)))
	if err != nil {
		t.Fatal(err)
	}
	s.Resources["azure_storage_account"] = s.Resources["azure_storage_account"][drop:]
	return s
}

// fakeAzureTenant serves the tenant; alone are the collected subscriptions' own servers (scanning
// one of them is scanning that subscription alone).
func fakeAzureTenant(t *testing.T) (f *azurefake.Fleet, alone map[string]*azurefake.Server) {
	t.Helper()
	tenant, err := snapshot.ReadFile("../../testdata/snapshots/azure-demo-secure.json")
	if err != nil {
		t.Fatal(err)
	}
	alone = map[string]*azurefake.Server{azProd: azurefake.New(azureSeed(t, azProd, 0)), azSandbox: azurefake.New(azureSeed(t, azSandbox, 1))}
	f = azurefake.NewFleet(azurefake.New(tenant), []azurefake.ManagementGroup{
		{ID: "contoso", Name: "Contoso"},
		{ID: "corp", Name: "Corp", Parent: "contoso"},
	}, []azurefake.FleetSubscription{
		{ID: azSandbox, Name: "sandbox", State: "Warned", Server: alone[azSandbox]},
		{ID: azProd, Name: "prod", State: "Enabled", Group: "corp", Server: alone[azProd]},
		{ID: azLocked, Name: "locked", State: "Enabled", Group: "corp"},
		{ID: azRetired, Name: "retired", State: "Disabled", Group: "corp"},
	})
	t.Cleanup(f.Close)
	return f, alone
}

// scan azure without --subscription end to end: one report whose targets are every
// subscription the credential sees; each collected one has exactly the results of `scan azure
// --subscription` of it alone; the denied one is an error target with error results on its
// account-level checks; the Disabled one is skipped. --management-group narrows to the
// group's subscriptions, at any depth; --accounts and --exclude-accounts globs narrow the listing.
func TestScanAzureFleet(t *testing.T) {
	f, alone := fakeAzureTenant(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "tenant.json")
	code, _, stderr := runCLI(t, "scan", "azure", "--endpoint-url", f.URL, "--quiet", "--format", "json="+out, "--account-concurrency", "2")
	if code != 0 {
		t.Fatalf("scan: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, azLocked) || !strings.Contains(stderr, "AuthorizationFailed") {
		t.Errorf("stderr does not report the denied subscription: %s", stderr)
	}
	rep := readReport(t, out)
	if got, want := targetAccounts(rep), []string{azProd, azSandbox, azLocked + " (error)", azRetired + " (skipped)"}; !slices.Equal(got, want) {
		t.Fatalf("targets %v, want %v", got, want)
	}
	for _, tg := range rep.Targets {
		_, rs := accountResults(t, rep, tg.Account)
		switch tg.Account {
		case azLocked:
			if tg.Name != "locked" || tg.Complete || !strings.Contains(tg.Error, "AuthorizationFailed") {
				t.Errorf("denied target %+v", tg)
			}
			// Its account-level checks: those of the subscription and of its tenant (the
			// singleton types).
			types := map[string]int{}
			for _, r := range rs {
				types[r.ResourceType]++
				if r.Status != findings.StatusError || r.ResourceType != "azure_subscription" && r.ResourceType != "azure_tenant" ||
					!strings.Contains(r.Message, "AuthorizationFailed") {
					t.Errorf("denied subscription result %s", resultKey(r))
				}
			}
			if types["azure_subscription"] == 0 || types["azure_tenant"] == 0 {
				t.Errorf("the denied subscription's results by type: %v", types)
			}
		case azRetired:
			if tg.Skipped != "Disabled" || tg.Error != "" || len(rs) != 0 {
				t.Errorf("disabled target %+v with %d results", tg, len(rs))
			}
		default:
			if tg.Error != "" || tg.CollectedAt.IsZero() {
				t.Errorf("collected target %+v", tg)
			}
			code, one, stderr := runCLI(t, "scan", "azure", "--subscription", tg.Account, "--endpoint-url", alone[tg.Account].URL, "--quiet", "--format", "json")
			if code != 0 {
				t.Fatalf("scan %s alone: exit %d: %s", tg.Account, code, stderr)
			}
			assertFleetMember(t, rep, tg.Account, one, 80)
		}
	}
	// The two subscriptions differ by one storage account: their results stay apart.
	_, prod := accountResults(t, rep, azProd)
	_, sandbox := accountResults(t, rep, azSandbox)
	if len(prod) <= len(sandbox) {
		t.Errorf("prod has %d results, sandbox (one storage account fewer) %d", len(prod), len(sandbox))
	}

	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"--management-group", "contoso"}, []string{azProd, azLocked + " (error)", azRetired + " (skipped)"}},
		{[]string{"--management-group", "corp", "--exclude-accounts", "3*"}, []string{azProd, azRetired + " (skipped)"}},
		{[]string{"--accounts", "1*,2*"}, []string{azProd, azSandbox}},
		{[]string{"--exclude-accounts", "[13]*"}, []string{azSandbox, azRetired + " (skipped)"}},
	} {
		p := filepath.Join(dir, "narrow.json")
		code, _, stderr := runCLI(t, append([]string{"scan", "azure", "--endpoint-url", f.URL, "--services", "storage", "--quiet", "--format", "json=" + p}, tc.args...)...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", tc.args, code, stderr)
			continue
		}
		if got := targetAccounts(readReport(t, p)); !slices.Equal(got, tc.want) {
			t.Errorf("%v: targets %v, want %v", tc.args, got, tc.want)
		}
	}
}

// collect azure without --subscription when the credential sees ONE subscription writes its
// snapshot to stdout or -o, as collecting that subscription alone does.
func TestCollectAzureOneVisibleSubscription(t *testing.T) {
	demo, err := snapshot.ReadFile("../../testdata/snapshots/azure-demo.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := azurefake.New(demo)
	defer srv.Close()
	code, stdout, stderr := runCLI(t, "collect", "azure", "--endpoint-url", srv.URL, "--services", "storage", "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	s, err := snapshot.Parse([]byte(stdout))
	if err != nil {
		t.Fatalf("stdout is not a snapshot: %v", err)
	}
	if s.Account != demo.Account || len(s.Resources["azure_storage_account"]) != len(demo.Resources["azure_storage_account"]) {
		t.Errorf("stdout: account %s with %d storage accounts, want %s with %d", s.Account, len(s.Resources["azure_storage_account"]),
			demo.Account, len(demo.Resources["azure_storage_account"]))
	}
	p := filepath.Join(t.TempDir(), "one.json")
	code, stdout, stderr = runCLI(t, "collect", "azure", "--endpoint-url", srv.URL, "--services", "storage", "--quiet", "-o", p)
	if code != 0 || stdout != "" {
		t.Fatalf("-o: exit %d, stdout %d bytes: %s", code, len(stdout), stderr)
	}
	fromFile, err := snapshot.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if fromFile.Account != demo.Account {
		t.Errorf("-o wrote account %s", fromFile.Account)
	}
	// The same subscription named with --subscription gives the same resources.
	code, named, stderr := runCLI(t, "collect", "azure", "--subscription", demo.Account, "--endpoint-url", srv.URL, "--services", "storage", "--quiet")
	if code != 0 {
		t.Fatalf("--subscription: exit %d: %s", code, stderr)
	}
	n, err := snapshot.Parse([]byte(named))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := snapshot.Marshal(&snapshot.Snapshot{Resources: n.Resources})
	b, _ := snapshot.Marshal(&snapshot.Snapshot{Resources: s.Resources})
	if string(a) != string(b) {
		t.Error("collect azure with one visible subscription and with --subscription differ in resources")
	}
	if entries, _ := os.ReadDir(filepath.Dir(p)); len(entries) != 1 {
		t.Errorf("-o left %d files", len(entries))
	}
}
