package output

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/findings"
)

func readCSV(t *testing.T, out []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v", err)
	}
	return rows
}

func TestCSVGolden(t *testing.T) {
	checkGolden(t, "report.csv.golden", render(t, "csv", fixtureReport(), Options{}))
}

// The header is the JSON names of findings.Result, in field order, with the waiver flattened.
func TestCSVHeaderIsResultJSONNames(t *testing.T) {
	var want []string
	rt := reflect.TypeOf(findings.Result{})
	for i := 0; i < rt.NumField(); i++ {
		name := strings.Split(rt.Field(i).Tag.Get("json"), ",")[0]
		if name == "waiver" {
			name = "waiver_reason"
		}
		want = append(want, name)
	}
	rows := readCSV(t, render(t, "csv", fixtureReport(), Options{}))
	if !reflect.DeepEqual(rows[0], want) {
		t.Errorf("header = %v\nwant     %v", rows[0], want)
	}
}

func TestCSVRows(t *testing.T) {
	r := fixtureReport()
	rows := readCSV(t, render(t, "csv", r, Options{}))
	if len(rows) != len(r.Results)+1 {
		t.Fatalf("got %d rows, want a header and %d results", len(rows), len(r.Results))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	// Sorted: the first row is the worst failure.
	if first := rows[1]; first[col["status"]] != "fail" || first[col["severity"]] != "critical" {
		t.Errorf("first row = %v, want a critical failure first", first)
	}
	var sawWaived, sawFrameworks bool
	byStatus := map[string]int{}
	for _, row := range rows[1:] {
		byStatus[row[col["status"]]]++
		if row[col["check_id"]] == "aws-s3-mfa-delete" && row[col["status"]] == "waived" {
			sawWaived = true
			if got := row[col["waiver_reason"]]; got != "log bucket is write-once through S3 Object Lock" {
				t.Errorf("waiver_reason = %q", got)
			}
		}
		if row[col["check_id"]] == "aws-iam-root-mfa" && row[col["account"]] == fixtureAccountProd {
			sawFrameworks = true
			if got := row[col["frameworks"]]; got != "cis-aws-foundations-v6.0.0:2.4" {
				t.Errorf("frameworks = %q", got)
			}
			if got := row[col["fingerprint"]]; got != findings.Fingerprint("aws-iam-root-mfa", "aws", fixtureAccountProd, "global", "aws_account", "arn:aws:iam::123456789012:root") {
				t.Errorf("fingerprint = %q", got)
			}
		}
		if row[col["status"]] != "waived" && row[col["waiver_reason"]] != "" {
			t.Errorf("non-waived row has a waiver reason: %v", row)
		}
	}
	if !sawWaived || !sawFrameworks {
		t.Errorf("expected rows not found (waived %v, root mfa %v)", sawWaived, sawFrameworks)
	}
	for _, st := range findings.Statuses {
		if byStatus[string(st)] != r.Summary.ByStatus[st] {
			t.Errorf("%s rows = %d, summary says %d", st, byStatus[string(st)], r.Summary.ByStatus[st])
		}
	}
}

func TestCSVFrameworkList(t *testing.T) {
	got := frameworkList(map[string][]string{"nist": {"AC-2", "AC-3"}, "cis": {"1.1"}, "empty": {}})
	if want := "cis:1.1;nist:AC-2|AC-3"; got != want {
		t.Errorf("frameworkList = %q, want %q", got, want)
	}
}

func TestCSVFormulaInjection(t *testing.T) {
	r := &findings.Report{Results: []findings.Result{{
		CheckID: "aws-x", Status: findings.StatusFail, Severity: findings.SeverityHigh,
		Title:        "=HYPERLINK(\"http://evil\",\"click\")",
		Message:      "+cmd|' /C calc'!A0",
		ResourceName: "-2+3",
		ResourceID:   "@SUM(A1:A2)",
		Remediation:  "line one\nline \"two\", with comma",
		Region:       "\t=1",
		Account:      "123",
	}}}
	rows := readCSV(t, render(t, "csv", r, Options{}))
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	row := rows[1]
	want := map[string]string{
		"title":         "'=HYPERLINK(\"http://evil\",\"click\")",
		"message":       "'+cmd|' /C calc'!A0",
		"resource_name": "'-2+3",
		"resource_id":   "'@SUM(A1:A2)",
		"region":        "'\t=1",
		"remediation":   "line one\nline \"two\", with comma",
		"account":       "123",
	}
	for k, v := range want {
		if row[col[k]] != v {
			t.Errorf("%s = %q, want %q", k, row[col[k]], v)
		}
	}
}
