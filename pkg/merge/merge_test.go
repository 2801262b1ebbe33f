package merge

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/incloud/incloud/pkg/findings"
)

func shard(account string, status findings.Status, control string, at time.Time) *findings.Report {
	res := findings.Result{CheckID: "aws-x", Status: status, Severity: findings.SeverityHigh, Provider: "aws", Account: account, ResourceID: "r"}
	cc := findings.ComplianceControl{ID: "1.1", Checks: []string{"aws-x"}, Status: control}
	switch status {
	case findings.StatusFail:
		cc.Fail = 1
	case findings.StatusPass:
		cc.Pass = 1
	}
	return &findings.Report{
		SchemaVersion: findings.ReportSchemaVersion,
		Tool:          findings.Tool{Name: "incloud", Version: "1.2.3"},
		GeneratedAt:   at,
		Targets:       []findings.Target{{Provider: "aws", Account: account, Complete: true}},
		Results:       []findings.Result{res},
		Checks:        []findings.Check{{ID: "aws-x"}},
		Warnings:      []string{"same warning"},
		Compliance: []findings.ComplianceFramework{{Key: "cis", Controls: []findings.ComplianceControl{
			cc, {ID: "9.9", Checks: []string{}, Status: findings.ControlNotCovered},
		}}},
	}
}

func TestReportsMergesAndRecounts(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	got, err := Reports([]Input{
		{"b.json", shard("222", findings.StatusPass, findings.ControlPass, t0)},
		{"a.json", shard("111", findings.StatusFail, findings.ControlFail, t0.Add(time.Hour))},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Targets) != 2 || got.Targets[0].Account != "111" || got.Targets[1].Account != "222" {
		t.Errorf("targets not ordered by account: %+v", got.Targets)
	}
	if got.Results[0].Status != findings.StatusFail || got.Summary.ByStatus[findings.StatusPass] != 1 || got.Summary.Total != 2 {
		t.Errorf("results/summary: %+v %+v", got.Results, got.Summary)
	}
	if !got.GeneratedAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("generated_at %v, want the latest input's", got.GeneratedAt)
	}
	if len(got.Warnings) != 1 || len(got.Checks) != 1 {
		t.Errorf("warnings %v, checks %v: want each once", got.Warnings, got.Checks)
	}
	c := got.Compliance[0].Controls
	if c[0].Status != findings.ControlFail || c[0].Fail != 1 || c[0].Pass != 1 || c[1].Status != findings.ControlNotCovered {
		t.Errorf("compliance not recounted: %+v", c)
	}
	if got.Compliance[0].Counts[findings.ControlFail] != 1 {
		t.Errorf("counts %v", got.Compliance[0].Counts)
	}
}

func TestReportsNotRunAndErrorsDecideStatus(t *testing.T) {
	t0 := time.Now()
	a := shard("111", findings.StatusPass, findings.ControlPass, t0)
	b := shard("222", findings.StatusPass, findings.ControlNotRun, t0)
	b.Compliance[0].Controls[0].Pass = 0
	got, err := Reports([]Input{{"a", a}, {"b", b}})
	if err != nil {
		t.Fatal(err)
	}
	if s := got.Compliance[0].Controls[0].Status; s != findings.ControlPass {
		t.Errorf("pass + not-run = %s, want pass", s)
	}
}

func TestReportsRefuses(t *testing.T) {
	t0 := time.Now()
	other := shard("222", findings.StatusPass, findings.ControlPass, t0)
	other.Tool.Revision = "abc"
	stray := shard("333", findings.StatusPass, findings.ControlPass, t0)
	stray.Results[0].Account = "444"
	for _, tc := range []struct {
		name   string
		inputs []Input
		want   string
	}{
		{"none", nil, "no report"},
		{"overlap", []Input{{"a", shard("111", findings.StatusPass, "pass", t0)}, {"b", shard("111", findings.StatusPass, "pass", t0)}}, "a and b both cover aws account 111"},
		{"build", []Input{{"a", shard("111", findings.StatusPass, "pass", t0)}, {"b", other}}, "same build"},
		{"stray result", []Input{{"s", stray}}, "not one of the report's targets"},
		{"snapshot", []Input{{"s", &findings.Report{SchemaVersion: "1"}}}, "not an incloud JSON report"},
	} {
		_, err := Reports(tc.inputs)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

// fleetShard is a shard of a fleet run: one evaluated account, and optionally one that could not
// be collected (with an error result) and one skipped.
func fleetShard(evaluated, denied, skipped string, t0 time.Time) *findings.Report {
	r := shard(evaluated, findings.StatusFail, findings.ControlFail, t0)
	r.Targets[0].Name = "team-" + evaluated
	if denied != "" {
		r.Targets = append(r.Targets, findings.Target{Provider: "aws", Account: denied, Name: "team-" + denied, Error: "sts:AssumeRole failed: AccessDenied"})
		r.Results = append(r.Results, findings.Result{CheckID: "aws-x", Status: findings.StatusError, Severity: findings.SeverityHigh,
			Provider: "aws", Account: denied, ResourceID: "arn:aws:iam::" + denied + ":root", Message: "could not evaluate: sts:AssumeRole failed: AccessDenied"})
	}
	if skipped != "" {
		r.Targets = append(r.Targets, findings.Target{Provider: "aws", Account: skipped, Skipped: "account status SUSPENDED"})
	}
	return r
}

func TestReportsCarriesFleetTargets(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	got, err := Reports([]Input{
		{"shard-1.json", fleetShard("222", "", "444", t0)},
		{"shard-0.json", fleetShard("111", "333", "", t0)},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []findings.Target{
		{Provider: "aws", Account: "111", Name: "team-111", Complete: true},
		{Provider: "aws", Account: "222", Name: "team-222", Complete: true},
		{Provider: "aws", Account: "333", Name: "team-333", Error: "sts:AssumeRole failed: AccessDenied"},
		{Provider: "aws", Account: "444", Skipped: "account status SUSPENDED"},
	}
	if !reflect.DeepEqual(got.Targets, want) {
		t.Errorf("merged targets:\n got %+v\nwant %+v", got.Targets, want)
	}
	if c := findings.CountTargets(got.Targets); c != (findings.TargetCounts{Evaluated: 2, Error: 1, Skipped: 1}) {
		t.Errorf("merged account counts %+v, want 2 evaluated, 1 error, 1 skipped", c)
	}
	if got.Summary.ByStatus[findings.StatusError] != 1 || got.Summary.ByStatus[findings.StatusFail] != 2 || got.Summary.Total != 3 {
		t.Errorf("merged summary %+v: the uncollected account's error result must count", got.Summary.ByStatus)
	}
}

func TestReportsRefusesFleetOverlapsAndResultsOfSkippedAccounts(t *testing.T) {
	t0 := time.Now()
	// 333 is evaluated in one shard and skipped in another; then uncollected in one, evaluated in another.
	if _, err := Reports([]Input{{"a.json", fleetShard("111", "", "333", t0)}, {"b.json", fleetShard("333", "", "", t0)}}); err == nil ||
		!strings.Contains(err.Error(), "a.json and b.json both cover aws account 333") {
		t.Errorf("skipped in one shard, evaluated in another: error %v", err)
	}
	if _, err := Reports([]Input{{"a.json", fleetShard("111", "333", "", t0)}, {"b.json", fleetShard("333", "", "", t0)}}); err == nil ||
		!strings.Contains(err.Error(), "both cover aws account 333") {
		t.Errorf("uncollected in one shard, evaluated in another: error %v", err)
	}
	bad := fleetShard("111", "", "444", t0)
	bad.Results = append(bad.Results, findings.Result{CheckID: "aws-x", Status: findings.StatusPass, Provider: "aws", Account: "444", ResourceID: "r"})
	if _, err := Reports([]Input{{"bad.json", bad}}); err == nil || !strings.Contains(err.Error(), "lists as skipped") {
		t.Errorf("a result for a skipped account: error %v", err)
	}
}
