package output

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/incloud/incloud/pkg/engine"
	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
)

// chromiumPath finds a Chromium or Chrome binary on PATH.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser starts a headless Chromium with a fresh profile and no network chatter.
func browser(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	bin := chromiumPath()
	if bin == "" {
		cannotRun(t, "no chromium, chromium-browser or google-chrome on PATH, so the HTML report was not checked in a browser",
			"install one (Debian: apt-get install chromium; .ci/run does)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	return ctx
}

// writeReportPage renders a report to an HTML file in a temp dir and returns its file:// URL.
func writeReportPage(t *testing.T, r *findings.Report) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, render(t, "html", r, Options{}), 0o644); err != nil {
		t.Fatalf("write report page: %v", err)
	}
	return "file://" + path
}

// screenshotDir is where screenshots go: $INCLOUD_SCREENSHOT_DIR, or the test's temp dir.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("INCLOUD_SCREENSHOT_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatalf("create screenshot dir: %v", err)
		}
		return d
	}
	return t.TempDir()
}

// screenshot saves a PNG of the whole page, or only of the window when full is false.
func screenshot(t *testing.T, ctx context.Context, name string, full bool) {
	t.Helper()
	shot := chromedp.CaptureScreenshot()
	if full {
		shot = chromedp.FullScreenshot(100)
	}
	png, err := chromedp.Run(ctx, shot)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(screenshotDir(t), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("write screenshot: %v", err)
	}
	t.Logf("screenshot: %s (%d bytes)", path, len(png))
}

type browserCell struct {
	Area, Status, Severity, Model, Text string
	Count                               int
}

type browserRow struct{ Status, Area, Severity string }

const jsCells = `Array.from(document.querySelectorAll('#matrix .mcell')).map(e => ({
	Area: e.dataset.area, Status: e.dataset.status, Severity: e.dataset.severity, Model: e.dataset.model,
	Count: +e.dataset.count, Text: e.textContent.trim()}))`

const jsRows = `Array.from(document.querySelectorAll('#findings-body tr.row')).map(e => ({
	Status: e.dataset.status, Area: e.dataset.area, Severity: e.dataset.severity}))`

const jsMatching = `+document.getElementById('table-status').dataset.matching`

// loadPage opens the page and waits until its script has rendered the table.
func loadPage(t *testing.T, ctx context.Context, url string) time.Duration {
	t.Helper()
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS(`html[data-ready="true"]`))); err != nil {
		t.Fatalf("load %s: %v", url, err)
	}
	return time.Since(start)
}

// checkMatrix asserts that the matrix the browser shows matches the report's summary.
func checkMatrix(t *testing.T, ctx context.Context, r *findings.Report) {
	t.Helper()
	cells, err := chromedp.Run(ctx, chromedp.Evaluate[[]browserCell](jsCells))
	if err != nil {
		t.Fatalf("read matrix: %v", err)
	}
	if len(cells) == 0 {
		t.Fatal("no matrix cells in the page")
	}
	failSev := map[string]int{}
	for _, res := range r.Results {
		if res.Status == findings.StatusFail {
			failSev[res.Area+"/"+string(res.Severity)]++
		}
	}
	checked := 0
	for _, c := range cells {
		if c.Text != fmt.Sprint(c.Count) {
			t.Errorf("cell %s/%s/%s shows %q but data-count is %d", c.Area, c.Status, c.Severity, c.Text, c.Count)
		}
		var want int
		switch {
		case c.Area == "" && c.Severity == "":
			want = r.Summary.ByStatus[findings.Status(c.Status)]
		case c.Area == "":
			want = r.Summary.BySeverity[findings.Severity(c.Severity)][findings.StatusFail]
		case c.Severity == "":
			want = r.Summary.ByArea[c.Area][findings.Status(c.Status)]
		default:
			want = failSev[c.Area+"/"+c.Severity]
		}
		if c.Count != want {
			t.Errorf("browser matrix %q x %q (severity %q) = %d, want %d", c.Area, c.Status, c.Severity, c.Count, want)
		}
		checked++
	}
	// Five areas and a total row, each with 4 statuses and 5 severities.
	if checked < 6*(len(findings.Statuses)+len(findings.Severities)) {
		t.Errorf("only %d matrix cells read", checked)
	}
}

// clickCell clicks a matrix cell and returns the rows shown and the number of matches after.
func clickCell(t *testing.T, ctx context.Context, selector string) ([]browserRow, int) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(selector))); err != nil {
		t.Fatalf("click %s: %v", selector, err)
	}
	return tableState(t, ctx)
}

// tableState reads the rows the table shows and how many findings match the filters.
func tableState(t *testing.T, ctx context.Context) ([]browserRow, int) {
	t.Helper()
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]browserRow](jsRows))
	if err != nil {
		t.Fatalf("read table rows: %v", err)
	}
	matching, err := chromedp.Run(ctx, chromedp.Evaluate[int](jsMatching))
	if err != nil {
		t.Fatalf("read matching count: %v", err)
	}
	return rows, matching
}

// evalString evaluates a JavaScript expression to a string.
func evalString(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// do runs actions and fails the test on error.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func TestHTMLInBrowser(t *testing.T) {
	ctx := browser(t, 2*time.Minute)
	r := fixtureReport()
	elapsed := loadPage(t, ctx, writeReportPage(t, r))
	t.Logf("fixture report loaded in %v", elapsed)

	checkMatrix(t, ctx, r)

	before, matchingBefore := tableState(t, ctx)
	if len(before) != len(r.Results) || matchingBefore != len(r.Results) {
		t.Errorf("unfiltered table shows %d rows, %d matching; want all %d results", len(before), matchingBefore, len(r.Results))
	}
	if title := evalString(t, ctx, "document.title"); !strings.Contains(title, fmt.Sprint(len(r.Results))) {
		t.Errorf("title %q does not count the results", title)
	}
	screenshot(t, ctx, "report-fixture.png", true)

	// Area network-controls x fail narrows the table to exactly those results.
	const netFail = `#matrix button.mcell[data-area="network-controls"][data-status="fail"][data-severity=""]`
	rows, matching := clickCell(t, ctx, netFail)
	want := r.Summary.ByArea["network-controls"][findings.StatusFail]
	if len(rows) != want || matching != want || len(rows) >= len(before) {
		t.Errorf("after clicking network-controls x fail: %d rows, %d matching; want %d (fewer than %d)", len(rows), matching, want, len(before))
	}
	for _, row := range rows {
		if row.Area != "network-controls" || row.Status != "fail" {
			t.Errorf("filtered table shows a %s %s row", row.Area, row.Status)
		}
	}
	pressed := evalString(t, ctx, "document.querySelector('"+strings.ReplaceAll(netFail, `"`, `\"`)+"').getAttribute('aria-pressed')")
	statusSel := evalString(t, ctx, "document.getElementById('f-status').value")
	areaSel := evalString(t, ctx, "document.getElementById('f-area').value")
	if pressed != "true" || statusSel != "fail" || areaSel != "network-controls" {
		t.Errorf("after the click: aria-pressed %q, status filter %q, area filter %q", pressed, statusSel, areaSel)
	}

	// A severity cell: data-protection failures of critical severity.
	rows, _ = clickCell(t, ctx, `#matrix button.mcell[data-area="data-protection"][data-status="fail"][data-severity="critical"]`)
	if len(rows) != 1 || rows[0].Severity != "critical" || rows[0].Area != "data-protection" {
		t.Errorf("data-protection critical failures = %+v, want the one public ACL", rows)
	}

	// Expanding a row shows why the finding is the customer's and how to fix it.
	do(t, ctx, "expand row", chromedp.Click(chromedp.CSS(`#findings-body button[data-toggle]`)))
	detail := evalString(t, ctx, "document.querySelector('#findings-body tr.detail').innerText")
	for _, w := range []string{"Why this is yours", "AWS enforces the ACL; what the ACL grants", "Remediation", "put-bucket-acl", "Frameworks\nnone", "arn:aws:s3:::acme-public-assets"} {
		if !strings.Contains(detail, w) {
			t.Errorf("expanded row lacks %q:\n%s", w, detail)
		}
	}
	if exp := evalString(t, ctx, "document.querySelector('#findings-body button[data-toggle]').getAttribute('aria-expanded')"); exp != "true" {
		t.Errorf("expand button aria-expanded = %q", exp)
	}
	screenshot(t, ctx, "report-fixture-filtered.png", true)

	// Clear, then sort by severity twice (descending); free-text search narrows too.
	do(t, ctx, "sort by severity",
		chromedp.Click(chromedp.CSS(`#f-reset`)),
		chromedp.Click(chromedp.CSS(`th[data-sort="severity"] button`)),
		chromedp.Click(chromedp.CSS(`th[data-sort="severity"] button`)),
	)
	sortAttr := evalString(t, ctx, `document.querySelector('th[data-sort="severity"]').getAttribute('aria-sort')`)
	firstSev := evalString(t, ctx, `document.querySelector('#findings-body tr.row').dataset.severity`)
	if sortAttr != "descending" || firstSev != "info" {
		t.Errorf("after sorting severity twice: aria-sort %q, first row severity %q; want descending with info first", sortAttr, firstSev)
	}
	do(t, ctx, "search", chromedp.SendKeys(chromedp.CSS(`#f-q`), "deploy-bot"), chromedp.Sleep(500*time.Millisecond))
	if _, matching := tableState(t, ctx); matching != 1 {
		t.Errorf("search for deploy-bot matches %d findings, want 1", matching)
	}
}

// TestHTMLDemoReportInBrowser evaluates the demo snapshot with the built-in policies and checks
// its report in the browser; its screenshot is the one to look at.
func TestHTMLDemoReportInBrowser(t *testing.T) {
	const demo = "../../testdata/snapshots/aws-demo.json"
	ctx := browser(t, 2*time.Minute)
	snap, err := snapshot.ReadFile(demo)
	if err != nil {
		t.Fatalf("read demo snapshot: %v", err)
	}
	eng, err := engine.Load(engine.Options{Builtin: policies.FS})
	if err != nil {
		t.Fatalf("load built-in policies: %v", err)
	}
	r, err := eng.Evaluate(context.Background(), snap)
	if err != nil {
		t.Fatalf("evaluate demo snapshot: %v", err)
	}
	elapsed := loadPage(t, ctx, writeReportPage(t, r))
	t.Logf("demo report (%d results) loaded in %v", len(r.Results), elapsed)
	checkMatrix(t, ctx, r)
	screenshot(t, ctx, "report-demo.png", false)
	screenshot(t, ctx, "report-demo-full.png", true)
	rows, matching := clickCell(t, ctx, `.counts button.mcell[data-status="fail"]`)
	if matching != r.Summary.ByStatus[findings.StatusFail] || len(rows) == 0 {
		t.Errorf("fail filter: %d matching, %d rows; want %d", matching, len(rows), r.Summary.ByStatus[findings.StatusFail])
	}
	for _, row := range rows {
		if row.Status != "fail" {
			t.Errorf("fail filter shows a %s row", row.Status)
		}
	}
}

// TestHTMLLargeReportInBrowser loads a 100,000-result report: the table must show one page of
// rows, and a filter must still narrow it.
func TestHTMLLargeReportInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000-result browser test skipped in -short mode")
	}
	ctx := browser(t, 3*time.Minute)
	r := largeReport(100000)
	elapsed := loadPage(t, ctx, writeReportPage(t, r))
	t.Logf("100,000-result report loaded and first page rendered in %v", elapsed)
	rows, matching := tableState(t, ctx)
	if len(rows) != htmlPageSize || matching != 100000 {
		t.Errorf("large report shows %d rows of %d matching; want %d of 100000", len(rows), matching, htmlPageSize)
	}
	checkMatrix(t, ctx, r)
	start := time.Now()
	rows, matching = clickCell(t, ctx, `#matrix button.mcell[data-area="network-controls"][data-status="fail"][data-severity=""]`)
	t.Logf("filter click on 100,000 results took %v", time.Since(start))
	if want := r.Summary.ByArea["network-controls"][findings.StatusFail]; matching != want || len(rows) != min(want, htmlPageSize) {
		t.Errorf("filtered large report: %d rows, %d matching; want %d matching", len(rows), matching, want)
	}
}

// TestHTMLFleetInBrowser: in a browser, the fleet page shows the alert for the account that could
// not be collected above the targets table, the long reason wraps instead of widening the page,
// and the findings table still lists every result, the uncollected account's errors included.
func TestHTMLFleetInBrowser(t *testing.T) {
	ctx := browser(t, 2*time.Minute)
	r := fixtureFleetReport()
	loadPage(t, ctx, writeReportPage(t, r))
	screenshot(t, ctx, "report-fleet.png", false)
	alert := evalString(t, ctx, `(() => { const a = document.querySelector('#targets-h ~ .alert'); if (!a) return 'missing';
		const b = a.getBoundingClientRect(); const tb = document.querySelector('table.targets').getBoundingClientRect();
		return (b.height > 0 && b.bottom <= tb.top ? 'above ' : 'misplaced ') + a.innerText; })()`)
	if !strings.HasPrefix(alert, "above ") || !strings.Contains(alert, fixtureDeniedReason) {
		t.Errorf("alert for the uncollected account: %q", alert)
	}
	if w := evalString(t, ctx, `String(document.documentElement.scrollWidth <= window.innerWidth)`); w != "true" {
		t.Errorf("the fleet page scrolls sideways (scrollWidth %s, window %s)",
			evalString(t, ctx, `String(document.documentElement.scrollWidth)`), evalString(t, ctx, `String(window.innerWidth)`))
	}
	errRow := evalString(t, ctx, `document.querySelector('table.targets tr.target-error').innerText`)
	if !strings.Contains(errRow, "ERROR") || !strings.Contains(errRow, "payments-sandbox") {
		t.Errorf("uncollected account's row reads %q", errRow)
	}
	rows, _ := tableState(t, ctx)
	denied := evalString(t, ctx, `String(Array.from(document.querySelectorAll('#findings-body tr.row')).filter(e =>
		e.dataset.status === 'error' && e.innerText.includes('`+fixtureAccountDenied+`')).length)`)
	if len(rows) != len(r.Results) || denied != "3" {
		t.Errorf("findings table: %d rows (%s error rows of the uncollected account), want %d (3)", len(rows), denied, len(r.Results))
	}
}
