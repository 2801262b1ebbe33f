package output

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/incloud/incloud/pkg/findings"
)

func TestTableGolden(t *testing.T) {
	checkGolden(t, "report.table.golden", render(t, "table", fixtureReport(), Options{}))
	checkGolden(t, "report.table-color.golden", render(t, "table", fixtureReport(), Options{Color: true}))
}

var ansiEscape = regexp.MustCompile(`\x1b\[[0-9;]*m`)

func TestTableColourOnlyWhenAsked(t *testing.T) {
	plain := string(render(t, "table", fixtureReport(), Options{}))
	if strings.Contains(plain, "\x1b") {
		t.Error("colour off, but the table has escape codes")
	}
	coloured := string(render(t, "table", fixtureReport(), Options{Color: true}))
	if !strings.Contains(coloured, "\x1b[1;31mFAIL\x1b[0m") {
		t.Error("colour on, but FAIL is not bold red")
	}
	if !strings.Contains(coloured, "\x1b[35mERROR\x1b[0m") {
		t.Error("colour on, but ERROR is not magenta")
	}
	if got := ansiEscape.ReplaceAllString(coloured, ""); got != plain {
		t.Errorf("coloured table minus its escapes differs from the plain table:\n%s", got)
	}
}

func TestTableGroupsInAreaOrder(t *testing.T) {
	out := string(render(t, "table", fixtureReport(), Options{}))
	last := -1
	for _, name := range []string{"Data protection", "User access management", "Application security", "Network controls", "Compliance and governance"} {
		i := strings.Index(out, "== "+name+" ==")
		if i < 0 {
			t.Fatalf("no group %q", name)
		}
		if i < last {
			t.Errorf("group %q is out of responsibility-area order", name)
		}
		last = i
	}
	if !strings.Contains(out, "== Data protection ==  5 fail, 3 error, 1 waived, 5 pass") {
		t.Error("data protection header lacks its counts")
	}
}

// tableRow is one parsed finding row of the table.
type tableRow struct{ status, severity, check, account, region, resource string }

func tableRows(t *testing.T, out, group string) []tableRow {
	t.Helper()
	start := strings.Index(out, "== "+group+" ==")
	if start < 0 {
		t.Fatalf("no group %q", group)
	}
	section := out[start:]
	if end := strings.Index(section[3:], "\n== "); end >= 0 {
		section = section[:end+3]
	} else if end := strings.Index(section, "\nSUMMARY"); end >= 0 {
		section = section[:end]
	}
	var rows []tableRow
	for _, line := range strings.Split(section, "\n") {
		f := strings.Fields(line)
		if len(f) == 6 && (f[0] == "FAIL" || f[0] == "ERROR" || f[0] == "WAIVED" || f[0] == "PASS") {
			rows = append(rows, tableRow{f[0], f[1], f[2], f[3], f[4], f[5]})
		}
	}
	return rows
}

func TestTableWorstFirstAndNoPasses(t *testing.T) {
	out := string(render(t, "table", fixtureReport(), Options{}))
	rows := tableRows(t, out, "Data protection")
	var got []string
	for _, r := range rows {
		got = append(got, r.status+" "+r.severity+" "+r.check)
	}
	want := []string{
		"FAIL critical aws-s3-public-acl-grants",
		"FAIL high aws-s3-block-public-access",
		"FAIL high aws-s3-block-public-access",
		"FAIL medium aws-ebs-default-encryption",
		"FAIL low aws-s3-mfa-delete",
		"ERROR critical aws-s3-public-acl-grants",
		"ERROR high aws-s3-block-public-access",
		"ERROR medium aws-ebs-default-encryption",
		"WAIVED low aws-s3-mfa-delete",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("data protection rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rows[0].resource != "acme-public-assets" || rows[0].region != "us-east-1" || rows[0].account != fixtureAccountProd {
		t.Errorf("first row = %+v", rows[0])
	}
	if strings.Contains(out, "\n  PASS ") {
		t.Error("passing results are listed as rows")
	}
	if !strings.Contains(out, "+ 5 passing results not listed") {
		t.Error("passes of data protection are not counted")
	}
}

func TestTableErrorAndWaiverReasons(t *testing.T) {
	out := string(render(t, "table", fixtureReport(), Options{}))
	re := regexp.MustCompile(`(?m)^  ERROR +medium +aws-ebs-default-encryption .*\n +not checked: could not evaluate: ec2:GetEbsEncryptionByDefault`)
	if !re.MatchString(out) {
		t.Error("the ERROR row does not give its reason on the next line")
	}
	if !strings.Contains(out, "waived: log bucket is write-once through S3 Object Lock (owner platform-team, expires") {
		t.Error("waived row lacks its waiver")
	}
}

func TestTableSummary(t *testing.T) {
	out := string(render(t, "table", fixtureReport(), Options{}))
	summary := out[strings.Index(out, "\nSUMMARY\n"):]
	for _, want := range []string{
		// label, fail, error, waived, pass, total
		"Data protection 5 3 1 5 14",
		"User access management 2 0 1 2 5",
		"Application security 1 0 0 1 2",
		"Network controls 2 0 0 2 4",
		"Compliance and governance 3 0 0 3 6",
		"Total 13 3 2 13 31",
		"critical 2 1 0 3 6",
		"high 6 1 0 5 12",
		"medium 2 1 1 3 7",
		"low 2 0 1 1 4",
		"info 1 0 0 1 2",
	} {
		found := false
		for _, line := range strings.Split(summary, "\n") {
			if strings.Join(strings.Fields(line), " ") == want {
				found = true
			}
		}
		if !found {
			t.Errorf("summary lacks the line %q:\n%s", want, summary)
		}
	}
	for _, want := range []string{
		"aws  123456789012  collected 2026-03-01T11:40:00Z  INCOMPLETE (3 error results)",
		"aws  210987654321  collected 2026-03-01T11:45:30Z  complete",
		"INCOMPLETE: the snapshot of aws account 123456789012 could not be fully collected.",
		"were not checked",
		"WARNINGS\n  - waiver for aws-iam-user-key-rotation",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q", want)
		}
	}
}

func TestTableErrorNoteOnCompleteTargets(t *testing.T) {
	r := fixtureReport()
	for i := range r.Targets {
		r.Targets[i].Complete = true
	}
	out := string(render(t, "table", r, Options{}))
	if strings.Contains(out, "INCOMPLETE") {
		t.Error("complete targets shown as INCOMPLETE")
	}
	if !strings.Contains(out, "Note: 3 error results mean parts were not checked") {
		t.Error("error results on complete targets are not explained")
	}
}

func TestTableWidth(t *testing.T) {
	for _, line := range strings.Split(string(render(t, "table", fixtureReport(), Options{})), "\n") {
		if n := utf8.RuneCountInString(line); n > 110 {
			t.Errorf("line of %d columns: %q", n, line)
		}
	}
}

func TestTableManyPassesStaySmall(t *testing.T) {
	r := fixtureReport()
	for i := 0; i < 100000; i++ {
		r.Results = append(r.Results, findings.Result{
			CheckID: "aws-s3-mfa-delete", Status: findings.StatusPass, Severity: findings.SeverityLow,
			Area: "data-protection", Provider: "aws", Account: fixtureAccountProd, Region: "us-east-1",
			ResourceType: "aws_s3_bucket", ResourceID: fmt.Sprintf("arn:aws:s3:::bucket-%06d", i),
		})
	}
	out := string(render(t, "table", r, Options{}))
	if n := strings.Count(out, "\n"); n > 150 {
		t.Errorf("table of 100,000 passes has %d lines", n)
	}
	if !strings.Contains(out, "+ 100005 passing results not listed") {
		t.Error("passes are not counted")
	}
}

func TestTableSingleAccountHidesAccountColumn(t *testing.T) {
	r := fixtureReport()
	r.Targets = r.Targets[:1]
	var kept []findings.Result
	for _, res := range r.Results {
		if res.Account == fixtureAccountProd {
			kept = append(kept, res)
		}
	}
	r.Results = kept
	out := string(render(t, "table", r, Options{}))
	if strings.Contains(out, "ACCOUNT") {
		t.Error("one account, but the table has an ACCOUNT column")
	}
	if !regexp.MustCompile(`(?m)^  FAIL +critical +aws-iam-root-mfa +global +acme-prod$`).MatchString(out) {
		t.Errorf("single-account row layout unexpected:\n%s", out)
	}
}

func TestTableStripsControlCharacters(t *testing.T) {
	r := fixtureReport()
	r.Results[1].Message = "evil\x1b[2J name\nsecond line"
	out := string(render(t, "table", r, Options{}))
	if strings.Contains(out, "\x1b") {
		t.Error("an escape sequence from a message reached the terminal")
	}
	if !strings.Contains(out, `evil\x1b[2J name second line`) {
		t.Error("cleaned message missing")
	}
}

func TestTableEmptyReport(t *testing.T) {
	out := string(render(t, "table", &findings.Report{}, Options{}))
	for _, want := range []string{"No results", "SUMMARY", "Total 0 0 0 0 0", "TARGETS\n  none"} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("empty report lacks %q:\n%s", want, out)
		}
	}
}

func TestResourceShortName(t *testing.T) {
	for id, want := range map[string]string{
		"arn:aws:s3:::acme-logs":                                    "acme-logs",
		"arn:aws:iam::123456789012:user/ci/deploy-bot":              "ci/deploy-bot",
		"arn:aws:iam::123456789012:root":                            "root",
		"arn:aws:ec2:us-east-1:123456789012:instance/i-0abc":        "i-0abc",
		"arn:aws:ec2:us-east-1::snapshot/snap-1":                    "snap-1",
		"arn:aws:logs:us-east-1:123456789012:log-group:/aws/x:*":    "log-group:/aws/x:*",
		"arn:aws:rds:eu-west-1:123456789012:db:prod-db":             "db:prod-db",
		"projects/acme/buckets/data":                                "projects/acme/buckets/data",
		"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd": "1234abcd-12ab-34cd",
	} {
		if got := resourceShortName(id); got != want {
			t.Errorf("resourceShortName(%q) = %q, want %q", id, got, want)
		}
	}
	if got := tableShorten("globex-analytics-data-lake-raw-zone", 20); got != "globex-an...raw-zone" || utf8.RuneCountInString(got) != 20 {
		t.Errorf("tableShorten = %q", got)
	}
}

// tableWords returns the words of s (split at spaces).
func tableWords(s string) []string { return strings.Fields(s) }

func TestTableFitsTheWidth(t *testing.T) {
	r := fixtureReport()
	for _, width := range []int{80, 100, 160} {
		out := string(render(t, "table", r, Options{Width: width}))
		longest := 0
		tokens := map[string]bool{}
		for _, line := range strings.Split(out, "\n") {
			n := utf8.RuneCountInString(line)
			longest = max(longest, n)
			if n > width {
				t.Errorf("width %d: line of %d columns: %q", width, n, line)
			}
			for _, w := range tableWords(line) {
				tokens[w] = true
			}
		}
		// No word of a message is split across lines (none is wider than the width).
		for _, res := range r.Results {
			if res.Status == findings.StatusPass {
				continue
			}
			for _, w := range tableWords(res.Message) {
				if !tokens[w] {
					t.Errorf("width %d: the word %q of %s's message is split or missing", width, w, res.CheckID)
				}
			}
		}
		switch width {
		case 80:
			if !strings.Contains(out, "ACCOUNT  REGION  RESOURCE") {
				t.Errorf("width 80: no stacked location header:\n%s", out)
			}
		case 160:
			if longest <= 100 {
				t.Errorf("width 160: longest line %d columns, the table does not use the width", longest)
			}
			if !strings.Contains(out, "globex-analytics-data-lake-raw-zone-eu-central-1-staging\n") {
				t.Error("width 160: a resource name that fits is still shortened")
			}
		}
	}
}

func TestTableStackedRows(t *testing.T) {
	out := string(render(t, "table", fixtureReport(), Options{Width: 80}))
	re := regexp.MustCompile(`(?m)^  FAIL    critical  aws-s3-public-acl-grants\n {10}123456789012  us-east-1  acme-public-assets\n {10}bucket acme-public-assets grants READ to AllUsers\n {10}fix: Remove the grant`)
	if !re.MatchString(out) {
		t.Errorf("stacked row layout unexpected:\n%s", out)
	}
}

func TestTableFixLineUnderFailures(t *testing.T) {
	r := fixtureReport()
	r.Results = []findings.Result{r.Results[1], r.Results[4], r.Results[17]} // fail, error, waived
	r.Results[0].Remediation = "Create a metric filter (aws logs put-metric-filter --log-group-name GROUP) and an alarm on it. Then subscribe the security team to its SNS topic."
	r.Results[1].Remediation = "error rows have no fix line"
	r.Results[2].Remediation = "waived rows have no fix line"
	out := string(render(t, "table", r, Options{}))
	if got := strings.Count(out, "fix: "); got != 1 {
		t.Errorf("%d fix lines, want 1 (failures only):\n%s", got, out)
	}
	if !strings.Contains(out, "\n          fix: Create a metric filter and an alarm on it.\n") {
		t.Errorf("fix line is not the first sentence without the aside:\n%s", out)
	}
	long := strings.Repeat("Turn the setting on in every region of every account ", 5) + "now."
	fix := tableShortFix(long, 60)
	if n := utf8.RuneCountInString(fix); n > 60 || !strings.HasSuffix(fix, "...") || !strings.HasPrefix(fix, "Turn the setting on") {
		t.Errorf("tableShortFix(long, 60) = %q (%d runes)", fix, n)
	}
	if got := tableShortFix("Use (unbalanced parens. Then more.", 100); got != "Use (unbalanced parens." {
		t.Errorf("unbalanced parentheses: %q", got)
	}
}

func TestTableErrorRowsShowTheirScope(t *testing.T) {
	r := &findings.Report{Targets: []findings.Target{{Provider: "aws", Account: "123456789012"}}}
	base := findings.Result{CheckID: "aws-rds-encryption", Status: findings.StatusError, Severity: findings.SeverityHigh,
		Area: "data-protection", Provider: "aws", Account: "123456789012", ResourceType: "aws_rds_db_instance",
		Message: "could not list aws_rds_db_instance in eu-west-1: rds:DescribeDBInstances failed: AccessDenied"}
	regional, everywhere := base, base
	regional.Region = "eu-west-1"
	r.Results = []findings.Result{regional, everywhere}
	out := string(render(t, "table", r, Options{}))
	for _, want := range []string{"eu-west-1  all aws_rds_db_instance\n", "all aws_rds_db_instance, every region"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks the error scope %q:\n%s", want, out)
		}
	}
}

func TestTableEscapesBidiControls(t *testing.T) {
	r := fixtureReport()
	// U+202E RIGHT-TO-LEFT OVERRIDE, U+202D LRO, U+2066 LRI, U+2069 PDI, U+200F RLM, U+061C ALM.
	r.Results[1].Message = "user \u202egnp.exe\u202c \u202dx\u2066y\u2069 \u200f\u061c\x7f\u0085 end"
	r.Results[1].ResourceName = "evil\u202eeman"
	out := string(render(t, "table", r, Options{Width: 200}))
	for _, c := range []rune{0x202e, 0x202c, 0x202d, 0x2066, 0x2069, 0x200f, 0x061c, 0x7f, 0x85} {
		if strings.ContainsRune(out, c) {
			t.Errorf("U+%04X from the data reached the table", c)
		}
	}
	for _, want := range []string{`user \u202egnp.exe\u202c \u202dx\u2066y\u2069 \u200f\u061c\x7f\x85 end`, `evil\u202eeman`} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks the escaped text %q:\n%s", want, out)
		}
	}
}

// TestTableFleetTargets: every account of a fleet run is listed with its state, the uncollected
// one with its reason as ERROR, the skipped one with its reason, under a count of accounts by
// state; the uncollected account gets an ERROR note, not the note of an incomplete snapshot.
func TestTableFleetTargets(t *testing.T) {
	r := fixtureFleetReport()
	checkGolden(t, "report.fleet.table.golden", render(t, "table", r, Options{}))
	out := string(render(t, "table", r, Options{Width: 400}))
	_, targets, ok := strings.Cut(out, "\nTARGETS\n")
	if !ok {
		t.Fatalf("no TARGETS block:\n%s", out)
	}
	targets, _, _ = strings.Cut(targets, "\n\n")
	want := []string{
		"4 accounts: 2 evaluated, 1 could not be collected, 1 skipped",
		"aws 123456789012 acme-prod collected 2026-03-01T11:40:00Z INCOMPLETE (3 error results)",
		"aws 210987654321 acme-staging collected 2026-03-01T11:45:30Z complete",
		"aws 333333333333 payments-sandbox ERROR: could not be collected: " + fixtureDeniedReason,
		"aws 444444444444 old-marketing skipped: account status SUSPENDED",
	}
	lines := strings.Split(targets, "\n")
	if len(lines) != len(want) {
		t.Fatalf("TARGETS has %d lines, want %d:\n%s", len(lines), len(want), targets)
	}
	for i, line := range lines {
		if got := strings.Join(strings.Fields(line), " "); got != want[i] {
			t.Errorf("TARGETS line %d:\n got %q\nwant %q", i, got, want[i])
		}
	}
	flat := strings.Join(strings.Fields(out), " ")
	if !strings.Contains(flat, "ERROR: 1 account could not be collected (aws account 333333333333): nothing in it was checked.") {
		t.Errorf("no ERROR note for the uncollected account:\n%s", out)
	}
	if strings.Contains(out, "snapshot of aws account 333333333333") || strings.Contains(out, "snapshot of aws account 444444444444") {
		t.Errorf("an account that was never collected is described as an incomplete snapshot:\n%s", out)
	}

	// One account, complete: no count line, as before fleets. One account skipped: a count line.
	single := fixtureReport()
	single.Targets = single.Targets[1:]
	if out := string(render(t, "table", single, Options{})); strings.Contains(out, "1 account:") {
		t.Errorf("a single evaluated account got a fleet count line:\n%s", out)
	}
	single.Targets[0].Skipped, single.Targets[0].Complete = "account status SUSPENDED", false
	if out := string(render(t, "table", single, Options{})); !strings.Contains(out, "1 account: 0 evaluated, 0 could not be collected, 1 skipped") {
		t.Errorf("a single skipped account has no count line:\n%s", out)
	}
}

// TestTableFleetTargetsFitAndEscape: the TARGETS rows fit every width, reasons wrap under their
// column, and names and reasons from the organization's listing cannot inject terminal escapes
// or bidi controls.
func TestTableFleetTargetsFitAndEscape(t *testing.T) {
	r := fixtureFleetReport()
	r.Targets[2].Name = "ev\x1bil\u202eX"
	r.Targets[3].Skipped = "closing\nsoon \u2066x\u2069"
	for _, width := range []int{40, 60, 80, 100, 160} {
		out := string(render(t, "table", r, Options{Width: width}))
		_, targets, _ := strings.Cut(out, "\nTARGETS\n")
		targets, _, _ = strings.Cut(targets, "\nWARNINGS\n")
		for _, line := range strings.Split(targets, "\n") {
			if n := utf8.RuneCountInString(line); n > width {
				t.Errorf("width %d: TARGETS line of %d columns: %q", width, n, line)
			}
		}
		for _, c := range []rune{0x1b, 0x202e, 0x2066, 0x2069} {
			if strings.ContainsRune(out, c) {
				t.Errorf("width %d: U+%04X from a target reached the table", width, c)
			}
		}
		flat := strings.Join(strings.Fields(targets), " ")
		for _, want := range []string{`ev\x1bil\u202eX`, `skipped: closing soon \u2066x\u2069`, "AccessDenied"} {
			if !strings.Contains(flat, want) {
				t.Errorf("width %d: TARGETS lacks %q:\n%s", width, want, targets)
			}
		}
	}
	coloured := string(render(t, "table", r, Options{Color: true}))
	if !strings.Contains(coloured, "\x1b[1;31mERROR:\x1b[0m could not be collected") {
		t.Error("colour on, but the uncollected account's ERROR is not bold red")
	}
	if got := ansiEscape.ReplaceAllString(coloured, ""); got != string(render(t, "table", r, Options{})) {
		t.Error("coloured fleet table minus its escapes differs from the plain one")
	}
}
