package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/responsibility"
)

// htmlDataOf extracts and decodes the JSON the page embeds for its script.
func htmlDataOf(t testing.TB, page []byte) map[string]any {
	t.Helper()
	const open = `<script type="application/json" id="incloud-data">`
	i := bytes.Index(page, []byte(open))
	if i < 0 {
		t.Fatal("page has no embedded data script")
	}
	rest := page[i+len(open):]
	j := bytes.Index(rest, []byte("</script>"))
	if j < 0 {
		t.Fatal("embedded data script is not closed")
	}
	var data map[string]any
	if err := json.Unmarshal(rest[:j], &data); err != nil {
		t.Fatalf("embedded data is not JSON: %v", err)
	}
	return data
}

// htmlDecodedResult is one result as the page's script sees it.
type htmlDecodedResult struct {
	CheckID, Title, Status, Severity, Area, Account, Region, ResourceID, ResourceName, Message, Fingerprint, Waiver string
}

// decodeHTMLResults rebuilds the results from the embedded data, following the same indexes as
// report.js.
func decodeHTMLResults(t testing.TB, data map[string]any) []htmlDecodedResult {
	t.Helper()
	statuses := data["statuses"].([]any)
	checks := data["checks"].([]any)
	accounts := data["accounts"].([]any)
	regions := data["regions"].([]any)
	waivers := data["waivers"].([]any)
	var out []htmlDecodedResult
	for _, row := range data["results"].([]any) {
		r := row.([]any)
		c := checks[int(r[0].(float64))].([]any)
		d := htmlDecodedResult{
			CheckID: c[0].(string), Title: c[1].(string), Severity: c[5].(string), Area: c[6].(string),
			Account: accounts[int(r[2].(float64))].(string), Region: regions[int(r[3].(float64))].(string),
			ResourceID: r[4].(string), ResourceName: r[5].(string), Fingerprint: r[7].(string),
		}
		if s, ok := r[1].(float64); ok {
			d.Status = statuses[int(s)].(string)
		} else {
			d.Status = r[1].(string)
		}
		if m, ok := r[6].(string); ok {
			d.Message = m
		} else {
			d.Message = d.Title
		}
		if w := int(r[8].(float64)); w >= 0 {
			d.Waiver = waivers[w].([]any)[0].(string)
		}
		out = append(out, d)
	}
	return out
}

func TestHTMLEmbeddedJSONRoundTrips(t *testing.T) {
	r := fixtureReport()
	page := render(t, "html", r, Options{})
	got := decodeHTMLResults(t, htmlDataOf(t, page))
	want := append([]findings.Result(nil), r.Results...)
	findings.Sort(want)
	if len(got) != len(want) {
		t.Fatalf("embedded %d results, want %d", len(got), len(want))
	}
	for i, w := range want {
		reason := ""
		if w.Waiver != nil {
			reason = w.Waiver.Reason
		}
		exp := htmlDecodedResult{w.CheckID, w.Title, string(w.Status), string(w.Severity), w.Area, w.Account, w.Region,
			w.ResourceID, w.ResourceName, w.Message, w.Fingerprint, reason}
		if got[i] != exp {
			t.Errorf("result %d:\n got %+v\nwant %+v", i, got[i], exp)
		}
	}
	// Check metadata is stored once per check, with rationale and remediation.
	data := htmlDataOf(t, page)
	checks := data["checks"].([]any)
	if len(checks) != len(r.Checks) {
		t.Errorf("embedded %d checks, want %d (one per check)", len(checks), len(r.Checks))
	}
	for _, c := range checks {
		cc := c.([]any)
		if cc[0] == "aws-ec2-sg-admin-ports-ipv4" {
			if cc[3] != "AWS supplies the security group; its rules are always the customer's to configure." || cc[8] != "ec2" ||
				fmt.Sprint(cc[10]) != "[[cis-aws-foundations-v6.0.0 6.3]]" {
				t.Errorf("embedded check = %v", cc)
			}
		}
	}
	if n := bytes.Count(page, []byte("AWS supplies the security group; its rules")); n != 1 {
		t.Errorf("rationale appears %d times in the page, want once", n)
	}
}

func TestHTMLSelfContained(t *testing.T) {
	page := string(render(t, "html", fixtureReport(), Options{}))
	for _, bad := range []string{"<link", " src=", "@import", "url(", "http://", "https://", "//cdn"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q: it must not load anything", bad)
		}
	}
	for _, want := range []string{"<!DOCTYPE html>", "<style>", "<script>", `<html lang="en">`, "default-src 'none'"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// htmlCellRe matches a matrix, count or model cell and its filter attributes.
var htmlCellRe = regexp.MustCompile(`class="mcell[^"]*" data-area="([^"]*)" data-status="([^"]*)" data-severity="([^"]*)" data-model="([^"]*)" data-count="(\d+)"( data-scope="total")?`)

type htmlCellKey struct{ area, status, severity, model string }

func htmlCells(t *testing.T, page []byte) map[htmlCellKey]int {
	t.Helper()
	cells := map[htmlCellKey]int{}
	for _, m := range htmlCellRe.FindAllStringSubmatch(string(page), -1) {
		if m[6] != "" {
			continue // the status count boxes
		}
		n, _ := strconv.Atoi(m[5])
		cells[htmlCellKey{m[1], m[2], m[3], m[4]}] = n
	}
	return cells
}

func TestHTMLMatrixMatchesSummary(t *testing.T) {
	r := fixtureReport()
	page := render(t, "html", r, Options{})
	cells := htmlCells(t, page)
	failSev := map[string]map[findings.Severity]int{}
	for _, res := range r.Results {
		if res.Status == findings.StatusFail {
			if failSev[res.Area] == nil {
				failSev[res.Area] = map[findings.Severity]int{}
			}
			failSev[res.Area][res.Severity]++
		}
	}
	for _, a := range responsibility.Areas {
		for _, st := range findings.Statuses {
			n, ok := cells[htmlCellKey{a.ID, string(st), "", ""}]
			if !ok {
				t.Errorf("no matrix cell for %s x %s", a.ID, st)
			} else if n != r.Summary.ByArea[a.ID][st] {
				t.Errorf("matrix %s x %s = %d, summary says %d", a.ID, st, n, r.Summary.ByArea[a.ID][st])
			}
		}
		for _, sev := range findings.Severities {
			if n := cells[htmlCellKey{a.ID, "fail", string(sev), ""}]; n != failSev[a.ID][sev] {
				t.Errorf("matrix %s failures of %s = %d, want %d", a.ID, sev, n, failSev[a.ID][sev])
			}
		}
	}
	for _, st := range findings.Statuses {
		if n := cells[htmlCellKey{"", string(st), "", ""}]; n != r.Summary.ByStatus[st] {
			t.Errorf("matrix total %s = %d, summary says %d", st, n, r.Summary.ByStatus[st])
		}
	}
	for _, sev := range findings.Severities {
		if n := cells[htmlCellKey{"", "fail", string(sev), ""}]; n != r.Summary.BySeverity[sev][findings.StatusFail] {
			t.Errorf("matrix total failures of %s = %d, summary says %d", sev, n, r.Summary.BySeverity[sev][findings.StatusFail])
		}
	}
	// Non-zero cells are buttons (clickable, keyboard reachable); zero cells are not.
	if !regexp.MustCompile(`<button type="button" class="mcell" data-area="network-controls" data-status="fail" data-severity="" data-model="" data-count="2"`).Match(page) {
		t.Error("network-controls x fail is not a button with count 2")
	}
	if !bytes.Contains(page, []byte(`<span class="mcell zero" data-area="network-controls" data-status="waived"`)) {
		t.Error("network-controls x waived (0) is not a plain zero cell")
	}
	// Area explanations are tooltips.
	dp, _ := responsibility.LookupArea("data-protection")
	if !bytes.Contains(page, []byte(`<span class="area-name" title="Confidentiality, integrity and availability of the customer&#39;s data`)) || !strings.Contains(dp.Explanation, "Confidentiality") {
		t.Error("data-protection row has no explanation tooltip")
	}
}

func TestHTMLTargetsAndCounts(t *testing.T) {
	r := fixtureReport()
	page := string(render(t, "html", r, Options{}))
	prod := regexp.MustCompile(`<tr><td>aws</td><td class="mono">123456789012</td><td>2026-03-01 11:40:00 UTC</td><td><span class="badge warn">⚠ INCOMPLETE</span></td></tr>`)
	staging := regexp.MustCompile(`<tr><td>aws</td><td class="mono">210987654321</td><td>2026-03-01 11:45:30 UTC</td><td><span class="badge ok">complete</span></td></tr>`)
	if !prod.MatchString(page) || !staging.MatchString(page) {
		t.Error("targets table lacks the accounts with their collection time and completeness")
	}
	for _, st := range findings.Statuses {
		want := fmt.Sprintf(`data-status="%s" data-severity="" data-model="" data-count="%d" data-scope="total"`, st, r.Summary.ByStatus[st])
		if !strings.Contains(page, want) {
			t.Errorf("status count box for %s missing (want %s)", st, want)
		}
	}
	if !strings.Contains(page, r.Warnings[0]) {
		t.Error("report warnings are not shown")
	}
}

func TestHTMLServiceModels(t *testing.T) {
	r := fixtureReport()
	page := string(render(t, "html", r, Options{}))
	resources := map[string]map[string]bool{}
	for _, res := range r.Results {
		if resources[res.ServiceModel] == nil {
			resources[res.ServiceModel] = map[string]bool{}
		}
		resources[res.ServiceModel][res.Account+res.ResourceType+res.ResourceID] = true
	}
	for _, m := range responsibility.ServiceModels {
		re := regexp.MustCompile(`<tr data-model-row="` + m.ID + `">\s*<th scope="row">` + m.Name + `</th><td>([^<]*)</td><td class="muted">[^<]*</td>\s*<td class="num" data-resources="(\d+)">`)
		match := re.FindStringSubmatch(page)
		if match == nil {
			t.Errorf("no service model row for %s", m.ID)
			continue
		}
		if match[1] != m.CustomerOwns {
			t.Errorf("%s: customer owns %q, want %q", m.ID, match[1], m.CustomerOwns)
		}
		if n, _ := strconv.Atoi(match[2]); n != len(resources[m.ID]) || n == 0 {
			t.Errorf("%s: %d resources, want %d", m.ID, n, len(resources[m.ID]))
		}
	}
	cells := htmlCells(t, []byte(page))
	if n := cells[htmlCellKey{"", "fail", "", "iaas"}]; n != 5 {
		t.Errorf("iaas failures = %d, want 5", n)
	}
}

func TestHTMLErrorCause(t *testing.T) {
	cases := []struct{ msg, op, code string }{
		{"could not evaluate: s3:GetBucketAcl failed for aws_s3_bucket arn:aws:s3:::acme-media in eu-west-1: AccessDenied: User: x is not authorized", "s3:GetBucketAcl", "AccessDenied"},
		{"could not check: s3:GetBucketPolicy failed: AccessDenied: Access Denied", "s3:GetBucketPolicy", "AccessDenied"},
		{"could not check: depends on data that could not be collected: cloudtrail:DescribeTrails failed: UnauthorizedOperation (the aws_cloudtrail_trail list in all regions)", "cloudtrail:DescribeTrails", "UnauthorizedOperation"},
		{"could not check: ec2:DescribeRegions failed; kms:ListKeys failed: Throttling: slow down", "ec2:DescribeRegions", ""},
		{"could not decide: the bucket policy is not valid JSON", "", ""},
	}
	for _, c := range cases {
		op, code := htmlErrorCause(c.msg)
		if op != c.op || code != c.code {
			t.Errorf("htmlErrorCause(%q) = %q, %q; want %q, %q", c.msg, op, code, c.op, c.code)
		}
	}
}

func TestHTMLCoverageGroupsErrorsByCause(t *testing.T) {
	r := fixtureReport()
	c := r.CheckIndex()["aws-s3-mfa-delete"]
	for _, b := range []string{"a", "b", "c"} {
		id := "arn:aws:s3:::bucket-" + b
		r.Results = append(r.Results, findings.Result{CheckID: c.ID, Title: c.Title, Status: findings.StatusError, Severity: c.Severity,
			Area: c.Area, ServiceModel: c.ServiceModel, Provider: "aws", Account: fixtureAccountProd, Region: "us-west-2",
			ResourceID: id, ResourceType: c.ResourceType, Message: "could not check: s3:GetBucketPolicy failed: AccessDenied: Access Denied"})
	}
	r.Results = append(r.Results, findings.Result{CheckID: c.ID, Title: c.Title, Status: findings.StatusError, Severity: c.Severity,
		Area: c.Area, ServiceModel: c.ServiceModel, Provider: "aws", Account: fixtureAccountProd, Region: "us-west-2",
		ResourceID: "arn:aws:s3:::odd", ResourceType: c.ResourceType, Message: "could not decide: <the policy> is not valid JSON"})
	r.Summary = findings.Summarize(r.Results)
	page := string(render(t, "html", r, Options{}))
	for _, want := range []string{
		`<span class="cause">AccessDenied on s3:GetBucketPolicy</span> — 3 resources`,
		`<span class="cause">AccessDenied on s3:GetBucketAcl</span> — 1 resource`,
		`<span class="cause">UnauthorizedOperation on ec2:GetEbsEncryptionByDefault</span> — 1 resource`,
		`<span class="cause">could not decide: &lt;the policy&gt; is not valid JSON</span> — 1 resource`,
		"7 results could not be evaluated",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("coverage lacks %q", want)
		}
	}
	causes := htmlCoverage(r.Results)
	if causes[0].Label != "AccessDenied on s3:GetBucketPolicy" || causes[0].Resources != 3 || causes[0].Results != 3 ||
		fmt.Sprint(causes[0].Checks) != "[aws-s3-mfa-delete]" || fmt.Sprint(causes[0].Regions) != "[us-west-2]" {
		t.Errorf("first cause = %+v, want the 3-bucket AccessDenied", causes[0])
	}
	total := 0
	for _, c := range causes {
		total += c.Results
	}
	if total != r.Summary.ByStatus[findings.StatusError] {
		t.Errorf("causes cover %d results, want every error (%d)", total, r.Summary.ByStatus[findings.StatusError])
	}
}

func TestHTMLNoCoverageGaps(t *testing.T) {
	r := fixtureReport()
	var kept []findings.Result
	for _, res := range r.Results {
		if res.Status != findings.StatusError {
			kept = append(kept, res)
		}
	}
	r.Results, r.Summary = kept, findings.Summarize(kept)
	if page := string(render(t, "html", r, Options{})); !strings.Contains(page, "Every check was evaluated") {
		t.Error("a report without errors does not say that everything was evaluated")
	}
}

func TestHTMLScriptBreakout(t *testing.T) {
	r := fixtureReport()
	evil := "</script><script>alert(1)</script><!-- & \u2028 \"q\" \\ \x01 <b>bold</b>"
	r.Results[0].Message = evil
	r.Results[1].ResourceName = "</SCRIPT><img>"
	r.Checks[0].Rationale = "<!-- </script>"
	r.Warnings = append(r.Warnings, "<script>alert(2)</script>")
	page := render(t, "html", r, Options{})
	if n := bytes.Count(bytes.ToLower(page), []byte("</script")); n != 2 {
		t.Errorf("page has %d </script> tags, want 2 (data and code): embedded text broke out", n)
	}
	if n := bytes.Count(page, []byte("<!--")); n != 0 {
		t.Errorf("page contains <!-- %d times", n)
	}
	if bytes.Contains(page, []byte("<script>alert")) || bytes.Contains(page, []byte("<img>")) {
		t.Error("injected markup appears unescaped")
	}
	var found bool
	for _, d := range decodeHTMLResults(t, htmlDataOf(t, page)) {
		if d.CheckID == r.Results[0].CheckID && d.Account == r.Results[0].Account && d.ResourceID == r.Results[0].ResourceID {
			found = true
			if d.Message != evil {
				t.Errorf("message round-trips as %q, want %q", d.Message, evil)
			}
		}
	}
	if !found {
		t.Error("result with the odd message not found in embedded data")
	}
}

// validUTF8 is s as JSON encoders (encoding/json, appendJSONString) write it: each byte that is
// not part of valid UTF-8 becomes U+FFFD (strings.ToValidUTF8 would make one of a whole run).
func validUTF8(s string) string { return string([]rune(s)) }

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", "a<b>c&d", "</script>", "\u2028\u2029", "tab\tnl\ncr\r", "\x00\x1f", "quote\"back\\", "ünïcödé ✓", "bad\xffutf8", "bad\xab\xabrun", "cut\xe2\x82"} {
		b := appendJSONString(nil, s)
		if bytes.ContainsAny(b, "<>&") || bytes.Contains(b, []byte("\u2028")) {
			t.Errorf("appendJSONString(%q) = %s: unescaped HTML-significant characters", s, b)
		}
		var back string
		if err := json.Unmarshal(b, &back); err != nil {
			t.Errorf("appendJSONString(%q) = %s: not JSON: %v", s, b, err)
			continue
		}
		if want := validUTF8(s); back != want {
			t.Errorf("appendJSONString(%q) round-trips to %q", s, back)
		}
	}
}

func TestHTMLDeterministic(t *testing.T) {
	r := fixtureReport()
	a := render(t, "html", r, Options{})
	for i, j := 0, len(r.Results)-1; i < j; i, j = i+1, j-1 {
		r.Results[i], r.Results[j] = r.Results[j], r.Results[i]
	}
	if b := render(t, "html", r, Options{}); !bytes.Equal(a, b) {
		t.Error("page depends on the order of results")
	}
}

func TestHTMLEmptyReport(t *testing.T) {
	page := render(t, "html", &findings.Report{}, Options{})
	data := htmlDataOf(t, page)
	if n := len(data["results"].([]any)); n != 0 {
		t.Errorf("empty report embeds %d results", n)
	}
	if !bytes.Contains(page, []byte("No targets recorded.")) {
		t.Error("empty report does not say there are no targets")
	}
}

// largeReport builds a report of n results over the fixture's checks: mostly passes, with
// failures, errors and waivers spread through, long realistic resource ids and messages.
func largeReport(n int) *findings.Report {
	base := fixtureReport()
	checks := base.Checks
	regions := []string{"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"}
	results := make([]findings.Result, 0, n)
	for i := 0; i < n; i++ {
		c := checks[i%len(checks)]
		account := fixtureAccountProd
		if i%3 == 0 {
			account = fixtureAccountStaging
		}
		region := regions[i%len(regions)]
		name := fmt.Sprintf("%s-resource-%06d", strings.TrimPrefix(c.ResourceType, "aws_"), i)
		id := fmt.Sprintf("arn:aws:%s:%s:%s:%s/%s", c.Service, region, account, strings.TrimPrefix(c.ResourceType, "aws_"), name)
		res := findings.Result{CheckID: c.ID, Title: c.Title, Severity: c.Severity, Area: c.Area, ServiceModel: c.ServiceModel,
			Provider: "aws", Account: account, Region: region, ResourceID: id, ResourceName: name, ResourceType: c.ResourceType,
			Frameworks: c.Frameworks, Remediation: c.Remediation,
			Fingerprint: findings.Fingerprint(c.ID, "aws", account, region, c.ResourceType, id)}
		switch {
		case i%10 == 3:
			res.Status, res.Message = findings.StatusFail, fmt.Sprintf("%s %s fails: %s", strings.TrimPrefix(c.ResourceType, "aws_"), name, c.Description)
		case i%50 == 7:
			res.Status, res.Message = findings.StatusError, fmt.Sprintf("could not check: %s:Get%s failed: AccessDenied: User: arn:aws:sts::%s:assumed-role/incloud-audit/session is not authorized", c.Service, strings.ToUpper(c.Service[:1])+c.Service[1:]+"Config", account)
		case i%100 == 9:
			res.Status, res.Message = findings.StatusWaived, name+" accepted"
			res.Waiver = &findings.Waiver{Reason: "accepted risk for legacy workloads", Owner: "platform", Expires: "2027-01-01"}
		default:
			res.Status, res.Message = findings.StatusPass, c.Title
		}
		results = append(results, res)
	}
	base.Results = results
	base.Summary = findings.Summarize(results)
	return base
}

func TestHTMLLargeReportStaysSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000-result report skipped in -short mode")
	}
	r := largeReport(100000)
	start := time.Now()
	page := render(t, "html", r, Options{})
	elapsed := time.Since(start)
	const limit = 60 << 20
	t.Logf("100,000 results: %d bytes (%.1f MB, %.0f bytes per result), rendered in %v", len(page), float64(len(page))/(1<<20), float64(len(page))/100000, elapsed)
	if len(page) > limit {
		t.Errorf("page is %d bytes, want under %d", len(page), limit)
	}
	// The page holds no table rows for the results: the script renders them a page at a time.
	if n := bytes.Count(page, []byte("<tr")); n > 100 {
		t.Errorf("page has %d <tr> elements up front", n)
	}
	data := htmlDataOf(t, page)
	if n := len(data["results"].([]any)); n != 100000 {
		t.Errorf("embedded %d results, want 100000", n)
	}
	if n := len(data["checks"].([]any)); n != len(r.Checks) {
		t.Errorf("embedded %d checks for 100,000 results, want %d", n, len(r.Checks))
	}
	cells := htmlCells(t, page)
	for _, st := range findings.Statuses {
		if cells[htmlCellKey{"", string(st), "", ""}] != r.Summary.ByStatus[st] {
			t.Errorf("total %s = %d, want %d", st, cells[htmlCellKey{"", string(st), "", ""}], r.Summary.ByStatus[st])
		}
	}
}

func BenchmarkHTML100k(b *testing.B) {
	r := largeReport(100000)
	var buf bytes.Buffer
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := writeHTML(&buf, r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/(1<<20), "MB")
}

// TestHTMLFleetTargets: the targets section counts a fleet's accounts by state, puts the accounts
// that could not be collected in an alert with their reasons, and lists every account with its
// name and state (ERROR with the reason, skipped with why); names and reasons are escaped.
func TestHTMLFleetTargets(t *testing.T) {
	r := fixtureFleetReport()
	r.Targets[3].Name = `<img src=x onerror=alert(1)>`
	page := string(render(t, "html", r, Options{}))
	section := page[strings.Index(page, `<h2 id="targets-h">`):strings.Index(page, `<h2 id="counts-h">`)]
	for _, want := range []string{
		`<p class="fleet-counts">4 accounts: 2 evaluated, <strong class="err-text">1 could not be collected</strong>, 1 skipped</p>`,
		`<div class="alert" role="alert"><p><strong>⚠ 1 account could not be collected: nothing in it was checked.</strong>`,
		`<li><span class="mono">aws 333333333333</span> (payments-sandbox): ` + fixtureDeniedReason + `</li>`,
		`<th scope="col">Name</th>`,
		`<tr><td>aws</td><td class="mono">123456789012</td><td>acme-prod</td><td>2026-03-01 11:40:00 UTC</td><td><span class="badge warn">⚠ INCOMPLETE</span></td></tr>`,
		`<tr class="target-error"><td>aws</td><td class="mono">333333333333</td><td>payments-sandbox</td><td>not collected</td><td><span class="badge err">! ERROR</span> <span class="reason">could not be collected: ` + fixtureDeniedReason + `</span></td></tr>`,
		`<td>&lt;img src=x onerror=alert(1)&gt;</td><td>not collected</td><td><span class="badge skip">skipped</span> <span class="reason">account status SUSPENDED</span></td></tr>`,
		`⚠ 1 snapshot could not be collected completely`,
	} {
		if !strings.Contains(section, want) {
			t.Errorf("targets section lacks %s:\n%s", want, section)
		}
	}
	if strings.Contains(page, "<img src=x") {
		t.Error("a target's name reached the page unescaped")
	}
	// A single complete account: no counts, no alert, no name column.
	single := fixtureReport()
	single.Targets = single.Targets[1:]
	page = string(render(t, "html", single, Options{}))
	for _, not := range []string{`class="fleet-counts"`, `class="alert"`, `<th scope="col">Name</th>`} {
		if strings.Contains(page, not) {
			t.Errorf("single-account page has %s", not)
		}
	}
}
