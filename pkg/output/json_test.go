package output

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/diff"
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

// TestJSONFleetTargetsReadBack writes a fleet report (an evaluated, an uncollectable and a
// skipped account) and reads it back with the report reader diff, --baseline and merge use: the
// targets keep their name, error and skip reason, and an account never collected has no
// collected_at at all rather than year 1.
func TestJSONFleetTargetsReadBack(t *testing.T) {
	r := fixtureFleetReport()
	out := render(t, "json", r, Options{})
	if bytes.Contains(out, []byte("0001-01-01")) {
		t.Errorf("a never-collected account has a zero collected_at:\n%s", out)
	}
	var doc struct {
		Targets []map[string]any `json:"targets"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	wantKeys := map[string][]string{
		fixtureAccountProd:      {"account", "collected_at", "complete", "name", "provider"},
		fixtureAccountDenied:    {"account", "complete", "error", "name", "provider"},
		fixtureAccountSuspended: {"account", "complete", "name", "provider", "skipped"},
	}
	for _, tg := range doc.Targets {
		if want, ok := wantKeys[tg["account"].(string)]; ok {
			if got := sortedKeys(tg); !reflect.DeepEqual(got, want) {
				t.Errorf("target %v keys = %v, want %v", tg["account"], got, want)
			}
		}
	}

	got, err := diff.ParseReport(out, func(w string) { t.Errorf("read-back warning: %s", w) })
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	if !reflect.DeepEqual(got.Targets, r.Targets) {
		t.Errorf("targets after read-back:\n got %+v\nwant %+v", got.Targets, r.Targets)
	}
	if c := findings.CountTargets(got.Targets); c != (findings.TargetCounts{Evaluated: 2, Error: 1, Skipped: 1}) {
		t.Errorf("counts after read-back = %+v", c)
	}
	errs := 0
	for _, res := range got.Results {
		if res.Account == fixtureAccountDenied {
			if res.Status != findings.StatusError || !strings.Contains(res.Message, "AccessDenied") {
				t.Errorf("denied account's result %s is %s: %q", res.CheckID, res.Status, res.Message)
			}
			errs++
		}
		if res.Account == fixtureAccountSuspended {
			t.Errorf("skipped account has a result: %+v", res)
		}
	}
	if errs != 3 || len(got.Results) != len(r.Results) {
		t.Errorf("read back %d results (%d of the denied account), want %d (3)", len(got.Results), errs, len(r.Results))
	}
}

// TestJSONStreamsAsEncoder: the streamed document is byte for byte what json.Encoder writes for
// the whole report (sorted results, nil frameworks as {}), for sorted and unsorted results, no
// results, and texts that HTML escaping or the results key itself would change.
func TestJSONStreamsAsEncoder(t *testing.T) {
	whole := func(r *findings.Report) []byte {
		out := *r
		out.Targets = append([]findings.Target{}, r.Targets...)
		out.Results = []findings.Result{}
		for _, res := range r.Results {
			if res.Frameworks == nil {
				res.Frameworks = map[string][]string{}
			}
			out.Results = append(out.Results, res)
		}
		findings.Sort(out.Results)
		out.Checks = []findings.Check{}
		for _, c := range r.Checks {
			if c.Frameworks == nil {
				c.Frameworks = map[string][]string{}
			}
			out.Checks = append(out.Checks, c)
		}
		if out.Summary.ByStatus == nil {
			out.Summary.ByStatus = map[findings.Status]int{}
		}
		if out.Summary.BySeverity == nil {
			out.Summary.BySeverity = map[findings.Severity]map[findings.Status]int{}
		}
		if out.Summary.ByArea == nil {
			out.Summary.ByArea = map[string]map[findings.Status]int{}
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	sorted := fixtureReport()
	unsorted := fixtureReport()
	slices.Reverse(unsorted.Results)
	unsorted.Results[0].Frameworks = nil
	unsorted.Results[1].Message = "<b> & \"results\": [] \n  \"results\": []"
	unsorted.Warnings = append(unsorted.Warnings, "\n  \"results\": []")
	none := fixtureReport()
	none.Results = nil
	// More results than one batch of runs (encodeRun per processor), in several.
	many := manyResults(5*encodeRun+7, func(i int, res *findings.Result) {
		if i%3 == 0 {
			res.Frameworks = nil
		}
	})
	for name, r := range map[string]*findings.Report{"sorted": sorted, "unsorted": unsorted, "no results": none, "many": many} {
		before := slices.Clone(r.Results)
		got, want := render(t, "json", r, Options{}), whole(r)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: streamed JSON differs from json.Encoder's:\n%s\nwant:\n%s", name, got, want)
		}
		if !reflect.DeepEqual(r.Results, before) {
			t.Errorf("%s: writing changed the caller's results", name)
		}
	}
}

// resultJSONByEncoder is what appendResultJSON must write: json.Encoder's indented encoding.
func resultJSONByEncoder(t testing.TB, res findings.Result) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(res); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// TestResultJSONMatchesEncoder: the hand-written result encoding is json.Encoder's, byte for
// byte, for every fixture result and for the corners of string escaping, frameworks and waivers.
func TestResultJSONMatchesEncoder(t *testing.T) {
	results := fixtureReport().Results
	odd := findings.Result{
		CheckID: "x", Message: "quote \" backslash \\ <b>&amp; \b\f\n\r\t \x00\x01\x1f\x7f é 中 \u2028\u2029 \xff\xfe bad \xe2\x80",
		Frameworks: map[string][]string{"b": {"1", "2"}, "a": {}, "c": nil, "\"k\"": {"\u2028"}},
		Waiver:     &findings.Waiver{Reason: "r\n"},
	}
	results = append(results, odd, findings.Result{Frameworks: map[string][]string{}},
		findings.Result{Waiver: &findings.Waiver{Reason: "x", Owner: "o", Expires: "2027-01-01"}})
	for i, res := range results {
		if got, want := appendResultJSON(nil, &res, nil), resultJSONByEncoder(t, res); !bytes.Equal(got, want) {
			t.Errorf("result %d:\n%s\nwant\n%s", i, got, want)
		}
	}
}

// FuzzResultJSON: any text in any field encodes as json.Encoder encodes it.
func FuzzResultJSON(f *testing.F) {
	f.Add("plain", "<&>\"\\\n\u2028\xff", "cis")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		// One memo across results whose shared texts change, as in a report.
		var memo resultMemo
		for _, res := range []findings.Result{
			{CheckID: a, Message: b, Title: c, Remediation: a, Frameworks: map[string][]string{c: {a, b}, a: nil}, Waiver: &findings.Waiver{Reason: b, Owner: c}},
			{CheckID: a, Title: c, Remediation: a},
			{CheckID: b, Title: a, Remediation: c},
			{CheckID: b, Title: a, Remediation: c + "x"},
		} {
			if got, want := appendResultJSON(nil, &res, &memo), resultJSONByEncoder(t, res); !bytes.Equal(got, want) {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		}
	})
}

// BenchmarkResultJSON encodes the fixture's results as the JSON report does (MB/s of output).
func BenchmarkResultJSON(b *testing.B) {
	results := fixtureReport().Results
	var buf []byte
	n := 0
	for _, res := range results {
		n += len(appendResultJSON(nil, &res, nil))
	}
	b.SetBytes(int64(n))
	var memo resultMemo
	for b.Loop() {
		for _, res := range results {
			buf = appendResultJSON(buf[:0], &res, &memo)
		}
	}
}
