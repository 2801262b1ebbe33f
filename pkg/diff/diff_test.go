package diff

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/output"
)

const (
	checkPAB = "aws-s3-block-public-access"
	checkSSH = "aws-ec2-sg-open-ssh"
	account  = "111122223333"
)

// res builds a result with a real fingerprint; the message includes a run label so that tests
// can check that messages do not affect matching.
func res(check, rtype, region, resource string, st findings.Status, sev findings.Severity, run string) findings.Result {
	return findings.Result{
		CheckID:      check,
		Title:        "title of " + check,
		Status:       st,
		Severity:     sev,
		Area:         "data-protection",
		ServiceModel: "paas",
		Provider:     "aws",
		Account:      account,
		Region:       region,
		ResourceID:   resource,
		ResourceType: rtype,
		Message:      run + ": " + string(st) + " on " + resource,
		Fingerprint:  findings.Fingerprint(check, "aws", account, region, rtype, resource),
	}
}

func bucket(name string, st findings.Status, run string) findings.Result {
	return res(checkPAB, "aws_s3_bucket", "eu-west-1", "arn:aws:s3:::"+name, st, findings.SeverityHigh, run)
}

func sg(id string, st findings.Status, sev findings.Severity, run string) findings.Result {
	return res(checkSSH, "aws_ec2_security_group", "us-east-1", id, st, sev, run)
}

func mkReport(results ...findings.Result) *findings.Report {
	r := &findings.Report{
		SchemaVersion: findings.ReportSchemaVersion,
		Tool:          findings.Tool{Name: "incloud", Version: "test"},
		GeneratedAt:   time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC),
		Targets:       []findings.Target{{Provider: "aws", Account: account, CollectedAt: time.Date(2026, 4, 1, 11, 0, 0, 0, time.UTC), Complete: true}},
		Results:       results,
	}
	findings.Sort(r.Results)
	r.Summary = findings.Summarize(r.Results)
	return r
}

func ids(entries []Entry) []string {
	out := []string{}
	for _, e := range entries {
		out = append(out, e.ResourceID+" "+e.Before+"->"+e.After)
	}
	return out
}

func TestCompareCategories(t *testing.T) {
	old := mkReport(
		bucket("still", findings.StatusFail, "old"),
		bucket("fixed", findings.StatusFail, "old"),
		bucket("deleted", findings.StatusFail, "old"),
		bucket("accepted", findings.StatusFail, "old"),
		bucket("was-ok", findings.StatusPass, "old"),
		bucket("waiver-expired", findings.StatusWaived, "old"),
		bucket("was-error", findings.StatusError, "old"),
		bucket("error-again", findings.StatusError, "old"),
		bucket("fail-to-error", findings.StatusFail, "old"),
		bucket("ok-deleted", findings.StatusPass, "old"),
	)
	new := mkReport(
		bucket("still", findings.StatusFail, "new"),
		bucket("fixed", findings.StatusPass, "new"),
		bucket("accepted", findings.StatusWaived, "new"),
		bucket("was-ok", findings.StatusFail, "new"),
		bucket("waiver-expired", findings.StatusFail, "new"),
		bucket("was-error", findings.StatusFail, "new"),
		bucket("error-again", findings.StatusError, "new"),
		bucket("fail-to-error", findings.StatusError, "new"),
		bucket("brand-new", findings.StatusFail, "new"),
		bucket("brand-new-error", findings.StatusError, "new"),
		bucket("brand-new-ok", findings.StatusPass, "new"),
	)
	d := Compare(old, new)
	check := func(name string, got []Entry, want ...string) {
		t.Helper()
		if want == nil {
			want = []string{}
		}
		if g := ids(got); !reflect.DeepEqual(g, want) {
			t.Errorf("%s = %q, want %q", name, g, want)
		}
	}
	check("new failures", d.NewFailures,
		"arn:aws:s3:::brand-new absent->fail",
		"arn:aws:s3:::waiver-expired waived->fail",
		"arn:aws:s3:::was-error error->fail",
		"arn:aws:s3:::was-ok pass->fail")
	check("resolved", d.Resolved, "arn:aws:s3:::fixed fail->pass")
	check("gone", d.Gone, "arn:aws:s3:::deleted fail->absent")
	check("still failing", d.StillFailing, "arn:aws:s3:::still fail->fail")
	check("waived", d.Waived, "arn:aws:s3:::accepted fail->waived")
	check("new errors", d.NewErrors, "arn:aws:s3:::brand-new-error absent->error", "arn:aws:s3:::fail-to-error fail->error")

	// Entries carry the new result where there is one, the old one for gone results.
	if d.StillFailing[0].Message != "new: fail on arn:aws:s3:::still" {
		t.Errorf("still failing message = %q", d.StillFailing[0].Message)
	}
	if d.Resolved[0].PreviousMessage != "old: fail on arn:aws:s3:::fixed" || d.Resolved[0].Message != "new: pass on arn:aws:s3:::fixed" {
		t.Errorf("resolved entry = %+v", d.Resolved[0])
	}
	if d.Gone[0].Message != "old: fail on arn:aws:s3:::deleted" || d.Gone[0].Status != findings.StatusFail {
		t.Errorf("gone entry = %+v", d.Gone[0])
	}
	want := Summary{NewFailures: 4, Resolved: 1, Gone: 1, StillFailing: 1, Waived: 1, NewErrors: 2,
		NewFailuresBySeverity: map[findings.Severity]int{"critical": 0, "high": 4, "medium": 0, "low": 0, "info": 0},
		OldTotal:              10, NewTotal: 11}
	if !reflect.DeepEqual(d.Summary, want) {
		t.Errorf("summary = %+v\nwant %+v", d.Summary, want)
	}
}

// Adding and removing unrelated resources, changing messages and reordering results does not
// change how the other results compare.
func TestCompareStableUnderUnrelatedChanges(t *testing.T) {
	base := []findings.Result{
		bucket("a", findings.StatusFail, "r1"),
		bucket("b", findings.StatusPass, "r1"),
		sg("sg-1", findings.StatusFail, findings.SeverityCritical, "r1"),
		sg("sg-2", findings.StatusPass, findings.SeverityCritical, "r1"),
	}
	next := []findings.Result{
		bucket("a", findings.StatusFail, "r2"),
		bucket("b", findings.StatusFail, "r2"),
		sg("sg-1", findings.StatusPass, findings.SeverityCritical, "r2"),
		sg("sg-2", findings.StatusPass, findings.SeverityCritical, "r2"),
	}
	ref := Compare(mkReport(base...), mkReport(next...))

	// Unrelated: a bucket only in the old report that passed, one only in the new that passes,
	// and a bucket with the same name in another region and in another account.
	otherRegion := res(checkPAB, "aws_s3_bucket", "us-west-2", "arn:aws:s3:::a", findings.StatusPass, findings.SeverityHigh, "x")
	otherAccount := bucket("a", findings.StatusPass, "x")
	otherAccount.Account = "999999999999"
	otherAccount.Fingerprint = findings.Fingerprint(checkPAB, "aws", "999999999999", "eu-west-1", "aws_s3_bucket", "arn:aws:s3:::a")
	oldPlus := append([]findings.Result{bucket("removed-ok", findings.StatusPass, "r1"), otherRegion}, base...)
	newPlus := append([]findings.Result{bucket("added-ok", findings.StatusPass, "r2"), otherAccount, otherRegion}, next...)
	// Reverse the order of the new results: the diff must not depend on it.
	for i, j := 0, len(newPlus)-1; i < j; i, j = i+1, j-1 {
		newPlus[i], newPlus[j] = newPlus[j], newPlus[i]
	}
	newRep := &findings.Report{SchemaVersion: findings.ReportSchemaVersion, Results: newPlus}
	got := Compare(mkReport(oldPlus...), newRep)
	for name, pair := range map[string][2][]Entry{
		"new failures":  {ref.NewFailures, got.NewFailures},
		"resolved":      {ref.Resolved, got.Resolved},
		"gone":          {ref.Gone, got.Gone},
		"still failing": {ref.StillFailing, got.StillFailing},
		"new errors":    {ref.NewErrors, got.NewErrors},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s changed with unrelated resources:\n%q\n%q", name, ids(pair[0]), ids(pair[1]))
		}
	}
	if !reflect.DeepEqual(ids(got.NewFailures), []string{"arn:aws:s3:::b pass->fail"}) ||
		!reflect.DeepEqual(ids(got.Resolved), []string{"sg-1 fail->pass"}) {
		t.Errorf("diff = %+v", got)
	}
}

// A resource keeps its identity only through its fingerprint: the same name in another region is a
// different finding.
func TestCompareRegionIsIdentity(t *testing.T) {
	old := mkReport(res(checkPAB, "aws_s3_bucket", "eu-west-1", "x", findings.StatusFail, findings.SeverityHigh, "o"))
	new := mkReport(res(checkPAB, "aws_s3_bucket", "eu-west-2", "x", findings.StatusFail, findings.SeverityHigh, "n"))
	d := Compare(old, new)
	if d.Summary.NewFailures != 1 || d.Summary.Gone != 1 || d.Summary.StillFailing != 0 {
		t.Errorf("summary = %+v", d.Summary)
	}
}

func TestCompareOrderAndDeterminism(t *testing.T) {
	old := mkReport()
	new := mkReport(
		bucket("z", findings.StatusFail, "n"),
		sg("sg-low", findings.StatusFail, findings.SeverityLow, "n"),
		sg("sg-crit", findings.StatusFail, findings.SeverityCritical, "n"),
		bucket("a", findings.StatusFail, "n"),
	)
	d := Compare(old, new)
	want := []string{"sg-crit absent->fail", "arn:aws:s3:::a absent->fail", "arn:aws:s3:::z absent->fail", "sg-low absent->fail"}
	if got := ids(d.NewFailures); !reflect.DeepEqual(got, want) {
		t.Errorf("order = %q, want %q", got, want)
	}
	var first bytes.Buffer
	if err := WriteJSON(&first, d); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		var again bytes.Buffer
		WriteJSON(&again, Compare(old, new))
		if again.String() != first.String() {
			t.Fatalf("run %d gave different JSON", i)
		}
	}
	if d.Summary.NewFailuresBySeverity[findings.SeverityCritical] != 1 || d.Summary.NewFailuresBySeverity[findings.SeverityHigh] != 2 {
		t.Errorf("by severity = %v", d.Summary.NewFailuresBySeverity)
	}
	if got := findings.Failing(Results(d.NewFailures), findings.SeverityHigh); got != 3 {
		t.Errorf("failing at high = %d, want 3", got)
	}
}

// Reports without fingerprints (hand-made or older) are matched on the computed fingerprint.
func TestCompareComputesMissingFingerprints(t *testing.T) {
	o := bucket("a", findings.StatusFail, "o")
	o.Fingerprint = ""
	n := bucket("a", findings.StatusPass, "n")
	d := Compare(mkReport(o), mkReport(n))
	if d.Summary.Resolved != 1 || d.Summary.NewFailures != 0 || d.Summary.Gone != 0 {
		t.Errorf("summary = %+v", d.Summary)
	}
}

// A fingerprint present twice counts with its worst status, so a duplicate pass never hides a fail.
func TestCompareDuplicateFingerprint(t *testing.T) {
	old := mkReport()
	new := &findings.Report{Results: []findings.Result{bucket("a", findings.StatusPass, "n"), bucket("a", findings.StatusFail, "n")}}
	d := Compare(old, new)
	if d.Summary.NewFailures != 1 {
		t.Errorf("summary = %+v", d.Summary)
	}
}

func TestCompareEmptyListsAreJSONArrays(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, Compare(mkReport(), mkReport())); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"new_failures", "resolved", "gone", "still_failing", "waived", "new_errors", "not_compared"} {
		if v, ok := m[k].([]any); !ok || len(v) != 0 {
			t.Errorf("%s = %#v, want []", k, m[k])
		}
	}
}

func TestWriteJSONFields(t *testing.T) {
	old := mkReport(bucket("a", findings.StatusFail, "o"))
	new := mkReport(bucket("b", findings.StatusFail, "n"))
	var buf bytes.Buffer
	if err := WriteJSON(&buf, Compare(old, new)); err != nil {
		t.Fatal(err)
	}
	var got struct {
		NewFailures []map[string]any `json:"new_failures"`
		Gone        []map[string]any `json:"gone"`
		Summary     map[string]any   `json:"summary"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.NewFailures) != 1 {
		t.Fatalf("new_failures = %v", got.NewFailures)
	}
	nf := got.NewFailures[0]
	wantFP := findings.Fingerprint(checkPAB, "aws", account, "eu-west-1", "aws_s3_bucket", "arn:aws:s3:::b")
	if nf["check_id"] != checkPAB || nf["resource_id"] != "arn:aws:s3:::b" || nf["fingerprint"] != wantFP ||
		nf["before"] != "absent" || nf["after"] != "fail" || nf["severity"] != "high" {
		t.Errorf("new failure entry = %v", nf)
	}
	if got.Gone[0]["resource_id"] != "arn:aws:s3:::a" || got.Gone[0]["after"] != "absent" {
		t.Errorf("gone entry = %v", got.Gone[0])
	}
	if got.Summary["new_failures"] != 1.0 || got.Summary["gone"] != 1.0 || got.Summary["resolved"] != 0.0 {
		t.Errorf("summary = %v", got.Summary)
	}
}

func TestWriteTable(t *testing.T) {
	old := mkReport(
		bucket("fixed", findings.StatusFail, "o"),
		bucket("deleted", findings.StatusFail, "o"),
		bucket("still", findings.StatusFail, "o"),
	)
	broken := sg("sg-9", findings.StatusError, findings.SeverityCritical, "n")
	broken.Message = "AccessDenied on\tec2:DescribeSecurityGroups\nretry"
	new := mkReport(
		bucket("fixed", findings.StatusPass, "n"),
		bucket("still", findings.StatusFail, "n"),
		sg("sg-1", findings.StatusFail, findings.SeverityCritical, "n"),
		broken,
	)
	var buf bytes.Buffer
	if err := WriteTable(&buf, Compare(old, new)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"1 new failure, 1 resolved, 1 gone, 1 still failing, 0 newly waived, 1 new error (old report: 3 results, new report: 4 results)",
		"New failures by severity: 1 critical\n",
		"New failures (1)\nSEVERITY  CHECK",
		"critical  aws-ec2-sg-open-ssh",
		"New errors, could not be checked (1)",
		"AccessDenied on ec2:DescribeSecurityGroups retry",
		"Resolved, now passing (1)",
		"arn:aws:s3:::fixed",
		"was: o: fail on arn:aws:s3:::fixed",
		"Gone, no longer in the new report (1)",
		"arn:aws:s3:::deleted",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Newly waived (") || strings.Contains(out, "arn:aws:s3:::still ") {
		t.Errorf("table lists empty sections or still-failing results:\n%s", out)
	}
	// Columns are aligned: the RESOURCE header starts where the resource ids start.
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "Resolved") {
			hdr, row := lines[i+1], lines[i+2]
			if strings.Index(hdr, "RESOURCE") != strings.Index(row, "arn:aws:s3:::fixed") {
				t.Errorf("misaligned columns:\n%s\n%s", hdr, row)
			}
		}
	}
}

func TestApplyBaseline(t *testing.T) {
	baseline := mkReport(
		bucket("known", findings.StatusFail, "b"),
		bucket("was-ok", findings.StatusPass, "b"),
		bucket("was-waived", findings.StatusWaived, "b"),
		bucket("fixed", findings.StatusFail, "b"),
	)
	current := mkReport(
		bucket("known", findings.StatusFail, "c"),
		bucket("was-ok", findings.StatusFail, "c"),
		bucket("was-waived", findings.StatusFail, "c"),
		bucket("fixed", findings.StatusPass, "c"),
		bucket("waived-now", findings.StatusWaived, "c"),
		bucket("error-now", findings.StatusError, "c"),
		sg("sg-new", findings.StatusFail, findings.SeverityLow, "c"),
	)
	newFails := ApplyBaseline(current, baseline)
	var got []string
	for _, r := range newFails {
		got = append(got, r.ResourceID)
	}
	want := []string{"arn:aws:s3:::was-ok", "arn:aws:s3:::was-waived", "sg-new"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("new fails = %q, want %q", got, want)
	}
	if n := findings.Failing(newFails, findings.SeverityHigh); n != 2 {
		t.Errorf("failing at high = %d, want 2", n)
	}
	// Without a baseline every failure counts.
	if n := len(ApplyBaseline(current, nil)); n != 4 {
		t.Errorf("no baseline: %d new fails, want 4", n)
	}
	// A baseline equal to the report leaves nothing new.
	if n := len(ApplyBaseline(current, current)); n != 0 {
		t.Errorf("self baseline: %d new fails", n)
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadReportRoundTrip(t *testing.T) {
	rep := mkReport(bucket("a", findings.StatusFail, "x"), sg("sg-1", findings.StatusPass, findings.SeverityHigh, "x"))
	rep.Results[0].Waiver = nil
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, t.TempDir(), "r.json", string(data))
	got, err := ReadReport(path, nil)
	if err != nil {
		t.Fatalf("ReadReport: %v", err)
	}
	if !reflect.DeepEqual(got.Results, rep.Results) || got.SchemaVersion != "1" || !got.Targets[0].CollectedAt.Equal(rep.Targets[0].CollectedAt) {
		t.Errorf("round trip changed the report:\n%+v\n%+v", got.Results, rep.Results)
	}
}

func TestReadReportErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, content string
		want          []string
	}{
		{"empty", "", []string{"empty file"}},
		{"syntax", "{\n  \"schema_version\": \"1\",\n  \"results\": [,]\n}", []string{"invalid JSON at line 3", "r.json"}},
		{"truncated", `{"schema_version": "1", "results": [`, []string{"invalid JSON"}},
		{"no version", `{"results": []}`, []string{"no schema_version"}},
		{"wrong version", `{"schema_version": "2", "results": []}`, []string{`schema_version "2" is not supported (want "1")`}},
		{"wrong type", "{\"schema_version\": \"1\",\n\"results\": {}}", []string{"invalid JSON at line 2", "results"}},
		{"trailing data", `{"schema_version": "1"} {"schema_version": "1"}`, []string{"invalid JSON at line 1, column 26", "after top-level value"}},
		{"a list", `[]`, []string{"invalid JSON"}},
		{"bad status", `{"schema_version": "1", "results": [{"check_id": "aws-x-y", "resource_id": "r", "status": "broken"}]}`, []string{`results[0] (aws-x-y on r): unknown status "broken"`}},
		{"no check id", `{"schema_version": "1", "results": [{"resource_id": "r", "status": "pass"}]}`, []string{"results[0]: no check_id"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeFile(t, dir, "r.json", c.content)
			_, err := ReadReport(path, nil)
			if err == nil {
				t.Fatal("ReadReport succeeded, want an error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
	if _, err := ReadReport(filepath.Join(dir, "missing.json"), nil); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing file: %v", err)
	}
}

func TestReadReportFillsFingerprint(t *testing.T) {
	path := writeFile(t, t.TempDir(), "r.json", `{"schema_version": "1", "results": [{"check_id": "aws-s3-block-public-access", "provider": "aws",
		"account": "111122223333", "region": "eu-west-1", "resource_type": "aws_s3_bucket", "resource_id": "arn:aws:s3:::a", "status": "fail"}]}`)
	r, err := ReadReport(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := findings.Fingerprint(checkPAB, "aws", account, "eu-west-1", "aws_s3_bucket", "arn:aws:s3:::a")
	if r.Results[0].Fingerprint != want {
		t.Errorf("fingerprint = %q, want %q", r.Results[0].Fingerprint, want)
	}
}

// Reports written by the json output format read back through ParseReport unchanged.
func TestParseReportReadsJSONOutput(t *testing.T) {
	rep := mkReport(bucket("a", findings.StatusFail, "x"), sg("sg-1", findings.StatusWaived, findings.SeverityCritical, "x"))
	rep.Results[1].Waiver = &findings.Waiver{Reason: "bastion", Owner: "ops", Expires: "2026-12-31"}
	rep.Warnings = []string{"a warning"}
	var buf bytes.Buffer
	if err := output.Write("json", &buf, rep, output.Options{}); err != nil {
		t.Fatal(err)
	}
	got, err := ParseReport(buf.Bytes(), nil)
	if err != nil {
		t.Fatalf("ParseReport: %v\n%s", err, buf.String())
	}
	if len(got.Results) != 2 || got.Results[0].Fingerprint != rep.Results[0].Fingerprint ||
		got.Results[1].Waiver == nil || got.Results[1].Waiver.Reason != "bastion" || got.Warnings[0] != "a warning" {
		t.Errorf("read back %+v", got.Results)
	}
	if d := Compare(rep, got); d.Summary.NewFailures+d.Summary.Resolved+d.Summary.Gone+d.Summary.NewErrors+d.Summary.Waived != 0 || d.Summary.StillFailing != 1 {
		t.Errorf("report differs from itself after a JSON round trip: %+v", d.Summary)
	}
}

// inAccount moves a result to another account (and recomputes its fingerprint).
func inAccount(r findings.Result, acct string) findings.Result {
	r.Account = acct
	r.Fingerprint = findings.Fingerprint(r.CheckID, r.Provider, acct, r.Region, r.ResourceType, r.ResourceID)
	return r
}

// TestCompareAccountNotCollected: when the new run could not collect an account (or skipped it),
// that account's old failures are not compared (status unknown, with the reason), never resolved
// or gone; its account-level checks that are now errors are new errors; other accounts' missing
// failures are still gone.
func TestCompareAccountNotCollected(t *testing.T) {
	const other, skipped = "444455556666", "777788889999"
	rootOld := res("aws-iam-root-mfa", "aws_account", "global", "arn:aws:iam::"+account+":root", findings.StatusFail, findings.SeverityCritical, "o")
	rootNew := rootOld
	rootNew.Status, rootNew.Message = findings.StatusError, "could not evaluate: the account could not be collected: AccessDenied"
	old := mkReport(
		bucket("a", findings.StatusFail, "o"), bucket("b", findings.StatusFail, "o"), bucket("ok", findings.StatusPass, "o"), rootOld,
		inAccount(bucket("gone", findings.StatusFail, "o"), other),
		inAccount(bucket("suspended", findings.StatusFail, "o"), skipped),
	)
	new := mkReport(rootNew)
	new.Targets = []findings.Target{
		{Provider: "aws", Account: account, Name: "payments", Error: "sts:AssumeRole failed: AccessDenied"},
		{Provider: "aws", Account: other, CollectedAt: time.Date(2026, 4, 1, 11, 0, 0, 0, time.UTC), Complete: true},
		{Provider: "aws", Account: skipped, Skipped: "account status SUSPENDED"},
	}
	d := Compare(old, new)
	if got, want := ids(d.NotCompared), []string{"arn:aws:s3:::a fail->unknown", "arn:aws:s3:::b fail->unknown", "arn:aws:s3:::suspended fail->unknown"}; !reflect.DeepEqual(got, want) {
		t.Errorf("not compared = %v, want %v", got, want)
	}
	for _, e := range d.NotCompared {
		want := "the account could not be collected: sts:AssumeRole failed: AccessDenied"
		if e.Account == skipped {
			want = "the account was skipped: account status SUSPENDED"
		}
		if e.Reason != want {
			t.Errorf("%s: reason %q, want %q", e.ResourceID, e.Reason, want)
		}
	}
	if len(d.Resolved) != 0 {
		t.Errorf("resolved = %v: an account that could not be collected fixed nothing", ids(d.Resolved))
	}
	if got := ids(d.Gone); !reflect.DeepEqual(got, []string{"arn:aws:s3:::gone fail->absent"}) {
		t.Errorf("gone = %v, want only the collected account's missing failure", got)
	}
	if got := ids(d.NewErrors); !reflect.DeepEqual(got, []string{"arn:aws:iam::" + account + ":root fail->error"}) {
		t.Errorf("new errors = %v", got)
	}
	if d.Summary.NotCompared != 3 || d.Summary.Gone != 1 || d.Summary.Resolved != 0 {
		t.Errorf("summary %+v", d.Summary)
	}

	var buf bytes.Buffer
	if err := WriteTable(&buf, d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"0 new failures, 0 resolved, 1 gone, 0 still failing, 0 newly waived, 1 new error, 3 not compared (account not looked at)",
		"Not compared, failing before; the new report did not look at their account (3)",
		"the account could not be collected: sts:AssumeRole failed: AccessDenied",
		"the account was skipped: account status SUSPENDED",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
	buf.Reset()
	if err := WriteJSON(&buf, d); err != nil {
		t.Fatal(err)
	}
	var j struct {
		NotCompared []map[string]any `json:"not_compared"`
		Summary     map[string]any   `json:"summary"`
	}
	if err := json.Unmarshal(buf.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.NotCompared) != 3 || j.NotCompared[0]["after"] != "unknown" || j.NotCompared[0]["before"] != "fail" ||
		j.NotCompared[0]["reason"] == nil || j.Summary["not_compared"] != 3.0 {
		t.Errorf("JSON not_compared %v, summary %v", j.NotCompared, j.Summary)
	}
}

// TestApplyBaselineAccountNotCollected: a run that could not collect an account counts none of
// its baseline failures as new (it has none, only errors); a baseline that could not collect an
// account excuses none of that account's failures now.
func TestApplyBaselineAccountNotCollected(t *testing.T) {
	fails := mkReport(bucket("a", findings.StatusFail, "o"), bucket("b", findings.StatusFail, "o"))
	errRes := res("aws-iam-root-mfa", "aws_account", "global", "arn:aws:iam::"+account+":root", findings.StatusError, findings.SeverityCritical, "n")
	denied := mkReport(errRes)
	denied.Targets = []findings.Target{{Provider: "aws", Account: account, Error: "AccessDenied"}}
	if got := ApplyBaseline(denied, fails); len(got) != 0 {
		t.Errorf("run that could not collect the account counts %d failures", len(got))
	}
	if got := ApplyBaseline(fails, denied); len(got) != 2 {
		t.Errorf("baseline that could not collect the account excuses failures: %d counted, want 2", len(got))
	}
}

// TestCompareAccountNotInNewReport: a shard's report compared with a whole organization's: the
// failures of accounts the new report does not list are not compared (unknown, with the reason),
// never gone; an account it lists keeps the usual rule (a missing failure is gone).
func TestCompareAccountNotInNewReport(t *testing.T) {
	const otherShard = "444455556666"
	old := mkReport(bucket("here", findings.StatusFail, "o"), inAccount(bucket("there", findings.StatusFail, "o"), otherShard))
	d := Compare(old, mkReport())
	if got, want := ids(d.NotCompared), []string{"arn:aws:s3:::there fail->unknown"}; !reflect.DeepEqual(got, want) {
		t.Errorf("not compared = %v, want %v", got, want)
	}
	if len(d.NotCompared) == 1 && !strings.Contains(d.NotCompared[0].Reason, "not in the new report") {
		t.Errorf("reason %q", d.NotCompared[0].Reason)
	}
	if got, want := ids(d.Gone), []string{"arn:aws:s3:::here fail->absent"}; !reflect.DeepEqual(got, want) {
		t.Errorf("gone = %v, want %v", got, want)
	}
	// A report that lists no targets at all says nothing about accounts: the old rule holds.
	bare := mkReport()
	bare.Targets = nil
	if d := Compare(old, bare); len(d.Gone) != 2 || len(d.NotCompared) != 0 {
		t.Errorf("without targets: gone %v, not compared %v", ids(d.Gone), ids(d.NotCompared))
	}
}
