package output

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/findings"
)

func TestJSONGolden(t *testing.T) {
	checkGolden(t, "report.json.golden", render(t, "json", fixtureReport(), Options{}))
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestJSONFieldNames(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(render(t, "json", fixtureReport(), Options{}), &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	want := []string{"checks", "generated_at", "results", "schema_version", "summary", "targets", "tool", "warnings"}
	if got := sortedKeys(doc); !reflect.DeepEqual(got, want) {
		t.Errorf("top-level keys = %v, want %v", got, want)
	}
	if got := sortedKeys(doc["tool"].(map[string]any)); !reflect.DeepEqual(got, []string{"name", "version"}) {
		t.Errorf("tool keys = %v", got)
	}
	target := doc["targets"].([]any)[0].(map[string]any)
	if got := sortedKeys(target); !reflect.DeepEqual(got, []string{"account", "collected_at", "complete", "provider"}) {
		t.Errorf("target keys = %v", got)
	}
	if got := sortedKeys(doc["summary"].(map[string]any)); !reflect.DeepEqual(got, []string{"by_area", "by_severity", "by_status", "total"}) {
		t.Errorf("summary keys = %v", got)
	}
	resultKeys := []string{"account", "area", "check_id", "fingerprint", "frameworks", "message", "provider", "region",
		"remediation", "resource_id", "resource_name", "resource_type", "service_model", "severity", "status", "title"}
	sawWaiver := false
	for i, r := range doc["results"].([]any) {
		m := r.(map[string]any)
		keys := sortedKeys(m)
		if m["status"] == "waived" {
			sawWaiver = true
			if _, ok := m["waiver"].(map[string]any); !ok {
				t.Errorf("result %d: waived without a waiver object: %v", i, m)
			}
			delete(m, "waiver")
			keys = sortedKeys(m)
		}
		if !reflect.DeepEqual(keys, resultKeys) {
			t.Fatalf("result %d keys = %v, want %v", i, keys, resultKeys)
		}
		if _, ok := m["frameworks"].(map[string]any); !ok {
			t.Errorf("result %d: frameworks is %T, want an object", i, m["frameworks"])
		}
	}
	if !sawWaiver {
		t.Error("no waived result in the output")
	}
	if doc["generated_at"] != "2026-03-01T12:00:00Z" {
		t.Errorf("generated_at = %v", doc["generated_at"])
	}
}

func TestJSONRoundTripsSortedWithoutChangingInput(t *testing.T) {
	r := fixtureReport()
	before := append([]findings.Result(nil), r.Results...)
	out := render(t, "json", r, Options{})
	if !reflect.DeepEqual(r.Results, before) {
		t.Fatal("writing JSON reordered or changed the caller's results")
	}
	var got findings.Report
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("decode: %v", err)
	}
	want := fixtureReport()
	findings.Sort(want.Results)
	if !reflect.DeepEqual(got.Results, want.Results) {
		t.Error("decoded results differ from the fixture's results in findings.Sort order")
	}
	if got.Results[0].Status != findings.StatusFail || got.Results[0].Severity != findings.SeverityCritical {
		t.Errorf("first result is %s/%s, want a critical fail", got.Results[0].Status, got.Results[0].Severity)
	}
	if !reflect.DeepEqual(got.Summary, want.Summary) || !reflect.DeepEqual(got.Checks, want.Checks) ||
		!reflect.DeepEqual(got.Targets, want.Targets) || !got.GeneratedAt.Equal(want.GeneratedAt) {
		t.Error("decoded report differs from the fixture")
	}
}

func TestJSONNoHTMLEscapingAndTrailingNewline(t *testing.T) {
	r := fixtureReport()
	r.Results[0].Message = `policy allows <all> & "everyone"`
	out := render(t, "json", r, Options{})
	if !bytes.Contains(out, []byte(`policy allows <all> & \"everyone\"`)) {
		t.Errorf("message was HTML-escaped or lost:\n%s", out)
	}
	if !bytes.HasSuffix(out, []byte("}\n")) || bytes.HasSuffix(out, []byte("\n\n")) {
		t.Error("output does not end with exactly one newline")
	}
	if !bytes.HasPrefix(out, []byte("{\n  \"schema_version\": \"1\",\n")) {
		t.Errorf("output is not indented with two spaces:\n%.80s", out)
	}
}

func TestJSONEmptyReportHasNoNulls(t *testing.T) {
	out := string(render(t, "json", &findings.Report{SchemaVersion: findings.ReportSchemaVersion}, Options{}))
	for _, want := range []string{`"results": []`, `"targets": []`, `"checks": []`, `"by_status": {}`} {
		if !strings.Contains(out, want) {
			t.Errorf("empty report lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "null") {
		t.Errorf("empty report has a null:\n%s", out)
	}
}

func TestJSONDeterministic(t *testing.T) {
	a := render(t, "json", fixtureReport(), Options{})
	r := fixtureReport()
	for i, j := 0, len(r.Results)-1; i < j; i, j = i+1, j-1 {
		r.Results[i], r.Results[j] = r.Results[j], r.Results[i]
	}
	if b := render(t, "json", r, Options{}); !bytes.Equal(a, b) {
		t.Error("same report with results in another order gives different JSON")
	}
}
