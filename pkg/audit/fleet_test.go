package audit

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/snapshot"
)

const demoSecure = "../../testdata/snapshots/aws-demo-secure.json"

// readAs reads a demo snapshot as account's.
func readAs(t *testing.T, path, account string) Input {
	t.Helper()
	s, err := snapshot.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Account = account
	d, err := s.Document()
	if err != nil {
		t.Fatal(err)
	}
	return Input{Name: path + " as " + account, Document: d}
}

// A fleet audit gives each collected account the results of auditing it alone, lists the
// account that could not be collected with its reason and an error result (never a pass) for
// each account-level check, lists the skipped account with its note and no results, and keeps
// the accounts in order; --fail-on-error counts the uncollected account, not the skipped one.
func TestAccumulator(t *testing.T) {
	ctx := context.Background()
	var stdout bytes.Buffer
	var warnings []string
	opts := options(&stdout, &warnings)
	opts.Outputs = []Output{{Format: "json"}}
	opts.FailOnError = true
	a, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	acc, err := a.Accumulate()
	if err != nil {
		t.Fatal(err)
	}
	const reason = "assume arn:aws:iam::333333333333:role/audit (sts:AssumeRole): AccessDenied"
	if err := acc.AddSkipped("aws", "444444444444", "old", "SUSPENDED"); err != nil {
		t.Fatal(err)
	}
	if err := acc.Add(ctx, readAs(t, demoSecure, "222222222222"), "secure"); err != nil {
		t.Fatal(err)
	}
	if err := acc.AddFailed(ctx, "aws", "333333333333", "locked", reason); err != nil {
		t.Fatal(err)
	}
	if err := acc.Add(ctx, readAs(t, demo, "111111111111"), ""); err != nil {
		t.Fatal(err)
	}
	if err := acc.AddSkipped("aws", "111111111111", "", "again"); err == nil {
		t.Error("an account added twice was accepted")
	}
	out, err := acc.Finish(ctx)
	var fe *FailError
	if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "aws account 333333333333 could not be collected") || strings.Contains(fe.Reason, "444444444444") {
		t.Fatalf("Finish: %v; want --fail-on-error for the uncollected account only", err)
	}
	rep := out.Report
	var accounts []string
	for _, tg := range rep.Targets {
		accounts = append(accounts, tg.Account)
	}
	if strings.Join(accounts, ",") != "111111111111,222222222222,333333333333,444444444444" {
		t.Fatalf("targets %v", accounts)
	}
	if tg := rep.Targets[2]; tg.Error != reason || tg.Name != "locked" || tg.Complete || !tg.CollectedAt.IsZero() {
		t.Errorf("uncollected target %+v", tg)
	}
	if tg := rep.Targets[3]; tg.Skipped != "SUSPENDED" || tg.Error != "" || tg.Complete {
		t.Errorf("skipped target %+v", tg)
	}
	if rep.Targets[1].Name != "secure" || rep.Targets[1].CollectedAt.IsZero() {
		t.Errorf("collected target %+v", rep.Targets[1])
	}

	// Each collected account's results equal a one-account audit of it.
	byAccount := map[string][]findings.Result{}
	for _, r := range rep.Results {
		byAccount[r.Account] = append(byAccount[r.Account], r)
	}
	for _, tc := range []struct{ path, account string }{{demo, "111111111111"}, {demoSecure, "222222222222"}} {
		var sb bytes.Buffer
		one, err := New(options(&sb, new([]string)))
		if err != nil {
			t.Fatal(err)
		}
		alone, err := one.Run(ctx, []Input{readAs(t, tc.path, tc.account)})
		if err != nil {
			t.Fatal(err)
		}
		got, want := byAccount[tc.account], alone.Report.Results
		if len(got) != len(want) || len(want) == 0 {
			t.Fatalf("account %s: %d results in the fleet audit, %d alone", tc.account, len(got), len(want))
		}
		for i := range want {
			if g, w := got[i], want[i]; g.Fingerprint != w.Fingerprint || g.Status != w.Status || g.Message != w.Message {
				t.Errorf("account %s result %d: %s %s %q, alone %s %s %q", tc.account, i, g.CheckID, g.Status, g.Message, w.CheckID, w.Status, w.Message)
			}
		}
	}
	if len(byAccount["444444444444"]) != 0 {
		t.Errorf("the skipped account has %d results", len(byAccount["444444444444"]))
	}
	// The uncollected account: one error result per account-level check, each with the reason.
	accountChecks := map[string]bool{}
	for _, c := range a.engine.Metadata() {
		if c.Provider == "aws" && c.ResourceType == "aws_account" {
			accountChecks[c.ID] = true
		}
	}
	failed := byAccount["333333333333"]
	if len(failed) != len(accountChecks) || len(failed) < 5 {
		t.Fatalf("uncollected account: %d results, want one for each of the %d aws_account checks", len(failed), len(accountChecks))
	}
	for _, r := range failed {
		if r.Status != findings.StatusError || !accountChecks[r.CheckID] || r.ResourceID != "333333333333" || r.Region != "global" ||
			r.Message != "could not check: incloud:CollectAccount failed: AccountNotCollected: "+reason {
			t.Errorf("uncollected account result %s %s %q", r.CheckID, r.Status, r.Message)
		}
	}
	// The report as written is the report returned.
	if !bytes.Contains(stdout.Bytes(), []byte(`"error": "`+reason+`"`)) || !bytes.Contains(stdout.Bytes(), []byte(`"skipped": "SUSPENDED"`)) {
		t.Errorf("JSON report lacks the targets' error and skip note")
	}
}

// A snapshot that does not match the schemas fails its account, not the fleet.
func TestAccumulatorBadSnapshot(t *testing.T) {
	var stdout bytes.Buffer
	var warnings []string
	a, err := New(options(&stdout, &warnings))
	if err != nil {
		t.Fatal(err)
	}
	acc, err := a.Accumulate()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(demo)
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Replace(data, []byte(`"mfa_active": true`), []byte(`"mfa_active": "yes"`), 1)
	if bytes.Equal(bad, data) {
		t.Fatal("the demo changed: no mfa_active to break")
	}
	d, err := snapshot.Read(bad)
	if err != nil {
		t.Fatal(err)
	}
	if err := acc.Add(context.Background(), Input{Name: "bad.json", Document: d}, ""); err != nil {
		t.Fatal(err)
	}
	out, err := acc.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if tg := out.Report.Targets[0]; !strings.Contains(tg.Error, "does not match the schemas") {
		t.Errorf("target %+v", tg)
	}
	for _, r := range out.Report.Results {
		if r.Status != findings.StatusError {
			t.Errorf("result %s %s on a snapshot that did not match the schemas", r.CheckID, r.Status)
		}
	}
	if len(warnings) == 0 || !strings.Contains(warnings[0], "bad.json") {
		t.Errorf("warnings %v", warnings)
	}
}
