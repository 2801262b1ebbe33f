package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/incloud/incloud/pkg/findings"
)

// Fuzz targets for the report writers (issue 12): whatever the text in a report's results, checks
// and warnings, the SARIF and JSON are JSON, the JUnit is well-formed XML, the CSV reads back with
// the right number of columns and the same values, and the HTML has exactly the structure of the
// same report with that text made harmless: no element or attribute comes from the data.
// Run one with: go test ./pkg/output -run '^$' -fuzz '^FuzzHTMLWriter$' -fuzztime 30s

// fuzzText is the report text a fuzz input controls.
type fuzzText struct {
	checkID, title, message, resourceID, resourceName, region, remediation, account, warning, waiver string
}

func addSeeds(f *testing.F) {
	f.Add("aws-s3-public", "Bucket is private", "bucket x is public", "arn:aws:s3:::x", "x", "us-east-1", "Block public access.", "123456789012", "", "", uint8(0), uint8(0))
	f.Add("aws-s3-public", "<b>title</b>", "</script><script>alert(1)</script><!-- & \u2028 \"q\" \\ \x01", "</SCRIPT><img src=x onerror=alert(1)>", "\" onmouseover=\"alert(1)", "global", "=HYPERLINK(\"http://x\")", "'; DROP", "<script>alert(2)</script>", "]]><x/>", uint8(1), uint8(2))
	f.Add("c", "t", "s3:GetBucketPolicy failed: AccessDenied: <i>Access Denied</i>", "", "", "eu-west-1", "", "210987654321", "w", "reason", uint8(3), uint8(4))
	f.Add("c\x00", "\xff\xfe", "line1\r\nline2\rline3\n", "a,b;\"c\"", "\t-lead", "\u202eevil", "@SUM(A1)", "+1", "\u0000", "-", uint8(4), uint8(1))
}

func fuzzReport(t fuzzText, statusN, severityN uint8) *findings.Report {
	statuses := []findings.Status{findings.StatusFail, findings.StatusPass, findings.StatusWaived, findings.StatusError, findings.StatusFail}
	severities := []findings.Severity{findings.SeverityCritical, findings.SeverityHigh, findings.SeverityMedium, findings.SeverityLow, findings.SeverityInfo}
	st := statuses[int(statusN)%len(statuses)]
	sev := severities[int(severityN)%len(severities)]
	check := findings.Check{
		ID: t.checkID, Title: t.title, Description: t.title + " " + t.remediation, Severity: sev, Area: "data-protection",
		ServiceModel: "paas", Provider: "aws", Service: "s3", ResourceType: "aws_s3_bucket",
		Frameworks:  map[string][]string{"cis-aws-foundations-v6.0.0": {"2.1.1"}},
		Remediation: t.remediation, Rationale: t.message, DependsOn: []string{"public"}, Source: "policies/x.rego",
	}
	mk := func(id, name, msg string, st findings.Status) findings.Result {
		r := findings.Result{
			CheckID: t.checkID, Title: t.title, Status: st, Severity: sev, Area: "data-protection", ServiceModel: "paas",
			Provider: "aws", Account: t.account, Region: t.region, ResourceID: id, ResourceName: name,
			ResourceType: "aws_s3_bucket", Message: msg, Frameworks: check.Frameworks, Remediation: t.remediation,
			Fingerprint: findings.Fingerprint(t.checkID, "aws", t.account, t.region, "aws_s3_bucket", id),
		}
		if st == findings.StatusWaived {
			r.Waiver = &findings.Waiver{Reason: t.waiver, Owner: t.warning, Expires: "2027-01-01"}
		}
		return r
	}
	results := []findings.Result{
		mk(t.resourceID, t.resourceName, t.message, st),
		mk(t.resourceID+"-2", t.resourceName, t.message, findings.StatusError),
		mk("arn:aws:s3:::plain", "plain", "plain message", findings.StatusPass),
	}
	findings.Sort(results)
	r := &findings.Report{
		SchemaVersion: findings.ReportSchemaVersion,
		Tool:          findings.Tool{Name: "incloud", Version: "fuzz"},
		GeneratedAt:   time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC),
		Targets: []findings.Target{
			{Provider: "aws", Account: t.account, CollectedAt: time.Date(2026, 11, 20, 5, 0, 0, 0, time.UTC), Complete: st != findings.StatusError},
			// Fleet members whose name and reasons come from the organization's listing and
			// from the cloud's error messages.
			{Provider: "aws", Account: t.account + "-denied", Name: t.resourceName, Error: "denied: " + t.message},
			{Provider: "aws", Account: t.account + "-suspended", Name: t.title, Skipped: "suspended: " + t.warning},
		},
		Results: results,
		Checks:  []findings.Check{check},
	}
	if t.warning != "" {
		r.Warnings = []string{t.warning}
	}
	r.Summary = findings.Summarize(r.Results)
	return r
}

func fuzzRender(t *testing.T, format string, r *findings.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(format, &buf, r, Options{}); err != nil {
		t.Fatalf("%s writer failed: %v", format, err)
	}
	return buf.Bytes()
}

func fuzzTarget(f *testing.F, check func(t *testing.T, r *findings.Report, text fuzzText, st, sev uint8)) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, checkID, title, message, resourceID, resourceName, region, remediation, account, warning, waiver string, st, sev uint8) {
		text := fuzzText{checkID, title, message, resourceID, resourceName, region, remediation, account, warning, waiver}
		check(t, fuzzReport(text, st, sev), text, st, sev)
	})
}

func FuzzSARIFWriter(f *testing.F) {
	fuzzTarget(f, func(t *testing.T, r *findings.Report, _ fuzzText, _, _ uint8) {
		out := fuzzRender(t, "sarif", r)
		if !utf8.Valid(out) {
			t.Fatal("SARIF is not UTF-8")
		}
		var log struct {
			Version string `json:"version"`
			Runs    []struct {
				Tool struct {
					Driver struct {
						Rules []struct {
							ID string `json:"id"`
						} `json:"rules"`
					} `json:"driver"`
				} `json:"tool"`
				Results []struct {
					RuleID    string `json:"ruleId"`
					RuleIndex int    `json:"ruleIndex"`
					Message   struct {
						Text string `json:"text"`
					} `json:"message"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(out, &log); err != nil {
			t.Fatalf("SARIF is not JSON: %v\n%s", err, out)
		}
		if log.Version != "2.1.0" || len(log.Runs) == 0 {
			t.Fatalf("SARIF version %q with %d runs", log.Version, len(log.Runs))
		}
		for _, run := range log.Runs {
			for _, res := range run.Results {
				if res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
					t.Fatalf("result for rule %q has ruleIndex %d, which does not name it", res.RuleID, res.RuleIndex)
				}
				if res.Message.Text == "" {
					t.Fatal("a SARIF result has no message text")
				}
			}
		}
		// The JSON report too.
		var back findings.Report
		if err := json.Unmarshal(fuzzRender(t, "json", r), &back); err != nil {
			t.Fatalf("JSON report is not JSON: %v", err)
		}
		if len(back.Results) != len(r.Results) {
			t.Fatalf("JSON report has %d results, want %d", len(back.Results), len(r.Results))
		}
	})
}

func FuzzJUnitWriter(f *testing.F) {
	fuzzTarget(f, func(t *testing.T, r *findings.Report, _ fuzzText, _, _ uint8) {
		out := fuzzRender(t, "junit", r)
		dec := xml.NewDecoder(bytes.NewReader(out))
		testcases, depth := 0, 0
		for {
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("JUnit is not well-formed XML: %v\n%s", err, out)
			}
			switch x := tok.(type) {
			case xml.StartElement:
				depth++
				if x.Name.Local == "testcase" {
					testcases++
				}
			case xml.EndElement:
				depth--
			}
		}
		if depth != 0 {
			t.Fatal("JUnit elements are not balanced")
		}
		// One per result, and one per fleet member that was not collected (error or skipped).
		notCollected := len(r.Targets) - findings.CountTargets(r.Targets).Evaluated
		if testcases != len(r.Results)+notCollected {
			t.Fatalf("JUnit has %d testcases for %d results and %d accounts not collected", testcases, len(r.Results), notCollected)
		}
	})
}

func FuzzCSVWriter(f *testing.F) {
	fuzzTarget(f, func(t *testing.T, r *findings.Report, _ fuzzText, _, _ uint8) {
		out := fuzzRender(t, "csv", r)
		rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("CSV does not read back: %v\n%q", err, out)
		}
		if len(rows) != len(r.Results)+1 {
			t.Fatalf("CSV has %d rows for %d results", len(rows), len(r.Results))
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		results := append([]findings.Result(nil), r.Results...)
		findings.Sort(results)
		// The CSV reader turns \r\n inside a quoted field into \n.
		norm := func(s string) string { return strings.ReplaceAll(csvSafe(s), "\r\n", "\n") }
		for i, row := range rows[1:] {
			if len(row) != len(csvHeader) {
				t.Fatalf("row %d has %d columns, want %d", i+1, len(row), len(csvHeader))
			}
			res := results[i]
			for name, want := range map[string]string{"check_id": res.CheckID, "message": res.Message, "resource_id": res.ResourceID, "region": res.Region, "title": res.Title} {
				if got := row[col[name]]; got != norm(want) {
					t.Fatalf("row %d %s reads back as %q, want %q", i+1, name, got, norm(want))
				}
			}
			for j, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Fatalf("row %d column %s starts a formula: %q", i+1, csvHeader[j], cell)
				}
			}
		}
	})
}

func FuzzHTMLWriter(f *testing.F) {
	fuzzTarget(f, func(t *testing.T, r *findings.Report, text fuzzText, st, sev uint8) {
		page := fuzzRender(t, "html", r)
		got, err := htmlStructure(page)
		if err != nil {
			t.Fatal(err)
		}
		safe := fuzzReport(fuzzText{
			harmless(text.checkID), harmless(text.title), harmless(text.message), harmless(text.resourceID),
			harmless(text.resourceName), harmless(text.region), harmless(text.remediation), harmless(text.account),
			harmless(text.warning), harmless(text.waiver),
		}, st, sev)
		want, err := htmlStructure(fuzzRender(t, "html", safe))
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("the report's text changed the page's structure:\n got: %s\nwant: %s", got, want)
		}
		// And the findings the page's script renders carry the text unchanged.
		for _, d := range decodeHTMLResults(t, htmlDataOf(t, page)) {
			if d.ResourceID == r.Results[0].ResourceID && d.CheckID == r.Results[0].CheckID && d.Message != validUTF8(r.Results[0].Message) && d.Message != r.Results[0].Title {
				t.Fatalf("message %q reached the page's data as %q", r.Results[0].Message, d.Message)
			}
		}
	})
}

// harmless rewrites the characters that mean something in HTML (and "_", the escape) into
// "_xx" hex, keeping everything else, so that a report built from harmless text takes the same
// branches (same emptiness, same equalities, same error-message shapes) without any markup.
func harmless(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c < 0x20 || strings.IndexByte("<>&\"'`\\_", c) >= 0 {
			fmt.Fprintf(&b, "_%02x", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// htmlStructure is the multiset of a page's elements (name and attribute names), comments and
// doctypes, as an HTML5 parser's tokenizer sees them.
func htmlStructure(page []byte) (string, error) {
	z := html.NewTokenizer(bytes.NewReader(page))
	count := map[string]int{}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if errors.Is(z.Err(), io.EOF) {
				keys := make([]string, 0, len(count))
				for k, n := range count {
					keys = append(keys, fmt.Sprintf("%s×%d", k, n))
				}
				sort.Strings(keys)
				return strings.Join(keys, " "), nil
			}
			return "", fmt.Errorf("HTML tokenizer: %w", z.Err())
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			attrs := make([]string, 0, len(tok.Attr))
			for _, a := range tok.Attr {
				attrs = append(attrs, a.Key)
			}
			sort.Strings(attrs)
			count["<"+tok.Data+" "+strings.Join(attrs, " ")+">"]++
		case html.EndTagToken:
			count["</"+z.Token().Data+">"]++
		case html.CommentToken:
			count["<!--comment-->"]++
		case html.DoctypeToken:
			count["<!doctype>"]++
		}
	}
}
