package merge

import (
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
