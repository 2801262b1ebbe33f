package waivers

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/incloud/incloud/pkg/findings"
)

const (
	checkPAB = "aws-s3-block-public-access"
	checkSG  = "aws-ec2-sg-open-ssh"
)

func result(check, resource string, st findings.Status, sev findings.Severity) findings.Result {
	return findings.Result{
		CheckID:      check,
		Title:        "title of " + check,
		Status:       st,
		Severity:     sev,
		Area:         "data-protection",
		ServiceModel: "paas",
		Provider:     "aws",
		Account:      "111122223333",
		Region:       "eu-west-1",
		ResourceID:   resource,
		ResourceType: "aws_s3_bucket",
		Message:      "message about " + resource,
		Fingerprint:  findings.Fingerprint(check, "aws", "111122223333", "eu-west-1", "aws_s3_bucket", resource),
	}
}

func report(results ...findings.Result) *findings.Report {
	r := &findings.Report{
		SchemaVersion: findings.ReportSchemaVersion,
		Results:       results,
		Checks: []findings.Check{
			{ID: checkSG, Severity: findings.SeverityHigh},
			{ID: checkPAB, Severity: findings.SeverityHigh},
		},
	}
	findings.Sort(r.Results)
	r.Summary = findings.Summarize(r.Results)
	return r
}

func mustParse(t *testing.T, src string) *File {
	t.Helper()
	f, err := Parse([]byte(src), "waivers.yaml")
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

func find(t *testing.T, r *findings.Report, resource string) findings.Result {
	t.Helper()
	for _, res := range r.Results {
		if res.ResourceID == resource {
			return res
		}
	}
	t.Fatalf("no result for %s", resource)
	return findings.Result{}
}

func TestParseValid(t *testing.T) {
	f := mustParse(t, `# accepted risks
waivers:
  - check: aws-s3-block-public-access
    resource: "arn:aws:s3:::acme-*"
    reason: Public website assets (SEC-123).
    owner: web-team@acme.example
    expires: 2026-06-30
  - check: aws-ec2-sg-open-ssh
    resource: sg-0123456789abcdef0
    reason: "Bastion, IP-restricted upstream"
    owner: ops
    expires: "2026-01-15"
`)
	if len(f.Waivers) != 2 {
		t.Fatalf("got %d waivers, want 2", len(f.Waivers))
	}
	w := f.Waivers[0]
	if w.Check != checkPAB || w.Resource != "arn:aws:s3:::acme-*" || w.Reason != "Public website assets (SEC-123)." ||
		w.Owner != "web-team@acme.example" || w.ExpiresString() != "2026-06-30" || w.Line != 3 {
		t.Errorf("first waiver = %+v", w)
	}
	if got := f.Waivers[1]; got.ExpiresString() != "2026-01-15" || got.Line != 8 || got.Reason != "Bastion, IP-restricted upstream" {
		t.Errorf("second waiver = %+v", got)
	}
	if !f.Waivers[1].Expires.Equal(time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("expires = %v", f.Waivers[1].Expires)
	}
}

func TestParseEmpty(t *testing.T) {
	for name, src := range map[string]string{
		"empty":         "",
		"comments only": "# nothing waived yet\n",
		"empty list":    "waivers: []\n",
		"null list":     "waivers:\n#  - check: aws-s3-block-public-access\n",
	} {
		t.Run(name, func(t *testing.T) {
			f, err := Parse([]byte(src), "w.yaml")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(f.Waivers) != 0 {
				t.Fatalf("got %d waivers", len(f.Waivers))
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	valid := "  - check: aws-s3-block-public-access\n    resource: r\n    reason: why\n    owner: me\n    expires: 2026-01-01\n"
	cases := []struct {
		name string
		src  string
		// want are substrings of the error; each error names the file, a line and the field.
		want []string
	}{
		{"not a list", "waivers: aws-s3-block-public-access\n", []string{"waivers.yaml:1: waivers: must be a list", `the string "aws-s3-block-public-access"`}},
		{"mapping instead of list", "waivers:\n  check: x\n", []string{"waivers.yaml:2: waivers: must be a list of waivers, got a mapping"}},
		{"root is a list", "- check: x\n", []string{"waivers.yaml:1: the file must be a mapping"}},
		{"unknown top-level key", "waiver:\n" + valid, []string{`waivers.yaml:1: waiver: unknown top-level key`}},
		{"unknown field", "waivers:\n" + valid + "    team: x\n", []string{"waivers.yaml:7: waivers[0].team: unknown field"}},
		{"missing reason", "waivers:\n  - check: aws-s3-block-public-access\n    resource: r\n    owner: me\n    expires: 2026-01-01\n",
			[]string{"waivers.yaml:2: waivers[0].reason: missing required field"}},
		{"missing resource and owner", "waivers:\n" + valid + "  - check: aws-s3-block-public-access\n    reason: r\n    expires: 2026-01-01\n",
			[]string{"waivers.yaml:7: waivers[1].resource: missing required field", "waivers.yaml:7: waivers[1].owner: missing required field"}},
		{"bad date", "waivers:\n" + strings.Replace(valid, "2026-01-01", "2026-13-01", 1), []string{`waivers.yaml:6: waivers[0].expires: "2026-13-01" is not a valid date`}},
		{"date with wrong layout", "waivers:\n" + strings.Replace(valid, "2026-01-01", "01/02/2026", 1), []string{`waivers.yaml:6: waivers[0].expires: "01/02/2026" is not a date (want YYYY-MM-DD)`}},
		{"date with time", "waivers:\n" + strings.Replace(valid, "2026-01-01", "2026-01-01T10:00:00Z", 1), []string{`waivers.yaml:6: waivers[0].expires: "2026-01-01T10:00:00Z" is not a date`}},
		{"empty reason", "waivers:\n" + strings.Replace(valid, "reason: why", `reason: ""`, 1), []string{"waivers.yaml:4: waivers[0].reason: must not be empty"}},
		{"null owner", "waivers:\n" + strings.Replace(valid, "owner: me", "owner:", 1), []string{"waivers.yaml:5: waivers[0].owner: must not be empty"}},
		{"list as resource", "waivers:\n" + strings.Replace(valid, "resource: r", "resource: [a, b]", 1), []string{"waivers.yaml:3: waivers[0].resource: must be a string, got a list"}},
		{"number as resource", "waivers:\n" + strings.Replace(valid, "resource: r", "resource: 123", 1), []string{"waivers.yaml:3: waivers[0].resource: must be a string (quote it), got the number 123"}},
		{"bad check id", "waivers:\n" + strings.Replace(valid, "aws-s3-block-public-access", "S3 public", 1), []string{`waivers.yaml:2: waivers[0].check: "S3 public" is not a check id`}},
		{"entry not a mapping", "waivers:\n  - aws-s3-block-public-access\n", []string{"waivers.yaml:2: waivers[0]: must be a mapping"}},
		{"duplicate field", "waivers:\n" + valid + "    owner: you\n", []string{"waivers.yaml:7: waivers[0].owner: duplicate field"}},
		{"duplicate waiver", "waivers:\n" + valid + valid, []string{"waivers.yaml:7: waivers[1]: duplicate waiver for aws-s3-block-public-access on r (first at line 2)"}},
		{"invalid yaml", "waivers:\n  - check: [unclosed\n", []string{"waivers.yaml: invalid YAML", "line"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse([]byte(c.src), "waivers.yaml")
			if err == nil {
				t.Fatalf("Parse succeeded with %d waivers, want an error", len(f.Waivers))
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not contain %q", err, w)
				}
			}
		})
	}
}

func TestParseErrorIsStructured(t *testing.T) {
	_, err := Parse([]byte("waivers:\n  - check: aws-s3-block-public-access\n    resource: r\n    reason: x\n    owner: me\n    expires: tomorrow\n"), "w.yaml")
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %v is not a *Error", err)
	}
	if pe.File != "w.yaml" || pe.Line != 6 || pe.Field != "waivers[0].expires" {
		t.Errorf("got %+v", pe)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "waivers.yaml")
	if err := os.WriteFile(path, []byte("waivers:\n  - check: aws-s3-block-public-access\n    resource: r\n    reason: x\n    owner: me\n    expires: 2026-01-01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if f.Name != path || len(f.Waivers) != 1 {
		t.Errorf("got %+v", f)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("Load of a missing file: err = %v", err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("waivers: {}\n"), 0o644)
	if _, err := Load(bad); err == nil || !strings.Contains(err.Error(), bad+":1: waivers:") {
		t.Errorf("Load of a bad file: err = %v", err)
	}
}

func TestMatch(t *testing.T) {
	cases := []struct {
		pattern, id string
		want        bool
	}{
		{"arn:aws:s3:::acme-*", "arn:aws:s3:::acme-logs", true},
		{"arn:aws:s3:::acme-*", "arn:aws:s3:::acme-", true},
		{"arn:aws:s3:::acme-*", "arn:aws:s3:::other", false},
		{"arn:aws:s3:::acme-*", "arn:aws:s3:::acme", false},
		// "*" crosses "/" and ":", unlike path.Match.
		{"arn:aws:iam::*:role/*", "arn:aws:iam::111122223333:role/service-role/deploy", true},
		{"arn:aws:iam::*:role/*", "arn:aws:iam::111122223333:user/alice", false},
		{"*", "anything/at:all", true},
		{"*", "", true},
		// "?" is exactly one character.
		{"sg-00?", "sg-001", true},
		{"sg-00?", "sg-00", false},
		{"sg-00?", "sg-0012", false},
		{"i-??", "i-é1", true},
		// No substring matching: the whole id must match.
		{"acme", "arn:aws:s3:::acme", false},
		{"acme", "acme-logs", false},
		{"acme", "acme", true},
		{"logs", "arn:aws:s3:::acme-logs", false},
		// Other glob metacharacters are literal.
		{"bucket[1]", "bucket[1]", true},
		{"bucket[12]", "bucket1", false},
		{"a.b", "axb", false},
		// Backtracking across several stars.
		{"*-logs-*-eu", "acme-logs-x-logs-y-eu", true},
		{"*-logs-*-eu", "acme-logs-x-us", false},
		{"a*b*c", "abbbc", true},
		{"a*b*c", "acb", false},
		{"**", "x", true},
	}
	for _, c := range cases {
		if got := Match(c.pattern, c.id); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.pattern, c.id, got, c.want)
		}
	}
}

func TestActiveAt(t *testing.T) {
	w := Waiver{Expires: time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)}
	cases := []struct {
		now  time.Time
		want bool
	}{
		{time.Date(2026, 3, 9, 12, 0, 0, 0, time.UTC), true},
		{time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2026, 3, 10, 23, 59, 59, 999999999, time.UTC), true},
		{time.Date(2026, 3, 11, 0, 0, 0, 0, time.UTC), false},
		// Expiry is on the UTC day: 01:00 on the 11th in UTC+2 is still the 10th in UTC.
		{time.Date(2026, 3, 11, 1, 0, 0, 0, time.FixedZone("UTC+2", 2*3600)), true},
		// 20:00 on the 10th in UTC-5 is already the 11th in UTC.
		{time.Date(2026, 3, 10, 20, 0, 0, 0, time.FixedZone("UTC-5", -5*3600)), false},
	}
	for _, c := range cases {
		if got := w.ActiveAt(c.now); got != c.want {
			t.Errorf("ActiveAt(%v) = %v, want %v", c.now, got, c.want)
		}
	}
}

func waiverYAML(check, resource, expires string) string {
	return "  - check: " + check + "\n    resource: \"" + resource + "\"\n    reason: accepted\n    owner: sec-team\n    expires: " + expires + "\n"
}

func TestApplyExpiry(t *testing.T) {
	now := time.Date(2026, 5, 20, 15, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name    string
		expires string
		waived  bool
	}{
		{"yesterday", "2026-05-19", false},
		{"today", "2026-05-20", true},
		{"tomorrow", "2026-05-21", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep := report(
				result(checkPAB, "arn:aws:s3:::acme-logs", findings.StatusFail, findings.SeverityHigh),
				result(checkPAB, "arn:aws:s3:::acme-web", findings.StatusFail, findings.SeverityHigh),
				result(checkPAB, "arn:aws:s3:::other", findings.StatusFail, findings.SeverityHigh),
			)
			f := mustParse(t, "waivers:\n"+waiverYAML(checkPAB, "arn:aws:s3:::acme-*", c.expires))
			out := Apply(rep, f, now)
			logs := find(t, rep, "arn:aws:s3:::acme-logs")
			other := find(t, rep, "arn:aws:s3:::other")
			if other.Status != findings.StatusFail || other.Waiver != nil {
				t.Errorf("unmatched resource changed: %+v", other)
			}
			if c.waived {
				if logs.Status != findings.StatusWaived || logs.Waiver == nil {
					t.Fatalf("result not waived: %+v", logs)
				}
				if *logs.Waiver != (findings.Waiver{Reason: "accepted", Owner: "sec-team", Expires: c.expires}) {
					t.Errorf("waiver = %+v", *logs.Waiver)
				}
				if out.Waived != 2 || out.Uses[0].Status != Applied || out.Uses[0].Waived != 2 {
					t.Errorf("outcome = %+v", out)
				}
				if len(rep.Warnings) != 0 {
					t.Errorf("unexpected warnings %q", rep.Warnings)
				}
				if rep.Summary.ByStatus[findings.StatusWaived] != 2 || rep.Summary.ByStatus[findings.StatusFail] != 1 {
					t.Errorf("summary = %+v", rep.Summary.ByStatus)
				}
				if findings.Failing(rep.Results, findings.SeverityLow) != 1 {
					t.Errorf("waived results still count as failing")
				}
				// Results stay in findings.Sort order: the fail before the waived ones.
				if rep.Results[0].ResourceID != "arn:aws:s3:::other" {
					t.Errorf("results not re-sorted: first is %s", rep.Results[0].ResourceID)
				}
				return
			}
			if logs.Status != findings.StatusFail || logs.Waiver != nil {
				t.Errorf("expired waiver applied: %+v", logs)
			}
			if out.Waived != 0 || out.Uses[0].Status != Expired {
				t.Errorf("outcome = %+v", out)
			}
			want := "waiver for aws-s3-block-public-access on arn:aws:s3:::acme-* (sec-team) expired on 2026-05-19; 2 results fail again [waivers.yaml:2]"
			if len(rep.Warnings) != 1 || rep.Warnings[0] != want {
				t.Errorf("warnings = %q, want [%q]", rep.Warnings, want)
			}
			if rep.Summary.ByStatus[findings.StatusFail] != 3 {
				t.Errorf("summary = %+v", rep.Summary.ByStatus)
			}
		})
	}
}

func TestApplyErrorsAndPassesNeverWaived(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rep := report(
		result(checkPAB, "arn:aws:s3:::acme-a", findings.StatusError, findings.SeverityHigh),
		result(checkPAB, "arn:aws:s3:::acme-b", findings.StatusPass, findings.SeverityHigh),
		result(checkPAB, "arn:aws:s3:::acme-c", findings.StatusFail, findings.SeverityHigh),
	)
	f := mustParse(t, "waivers:\n"+waiverYAML(checkPAB, "*", "2026-12-31"))
	out := Apply(rep, f, now)
	if got := find(t, rep, "arn:aws:s3:::acme-a"); got.Status != findings.StatusError || got.Waiver != nil {
		t.Errorf("error result changed: %+v", got)
	}
	if got := find(t, rep, "arn:aws:s3:::acme-b"); got.Status != findings.StatusPass || got.Waiver != nil {
		t.Errorf("pass result changed: %+v", got)
	}
	if got := find(t, rep, "arn:aws:s3:::acme-c"); got.Status != findings.StatusWaived {
		t.Errorf("fail result not waived: %+v", got)
	}
	u := out.Uses[0]
	if u.Matched[findings.StatusError] != 1 || u.Matched[findings.StatusPass] != 1 || u.Matched[findings.StatusFail] != 1 || u.Waived != 1 {
		t.Errorf("use = %+v", u)
	}
	if rep.Summary.ByStatus[findings.StatusError] != 1 || rep.Summary.ByStatus[findings.StatusWaived] != 1 {
		t.Errorf("summary = %+v", rep.Summary.ByStatus)
	}
}

func TestApplyNotes(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rep := report(
		result(checkPAB, "arn:aws:s3:::fixed", findings.StatusPass, findings.SeverityHigh),
		result(checkPAB, "arn:aws:s3:::unreadable", findings.StatusError, findings.SeverityHigh),
		result(checkPAB, "arn:aws:s3:::acme-logs", findings.StatusFail, findings.SeverityHigh),
		result(checkSG, "sg-1", findings.StatusFail, findings.SeverityHigh),
	)
	f := mustParse(t, "waivers:\n"+
		waiverYAML(checkPAB, "arn:aws:s3:::fixed", "2026-06-01")+ // pass only
		waiverYAML(checkPAB, "arn:aws:s3:::unreadable", "2026-06-01")+ // error only
		waiverYAML(checkPAB, "arn:aws:s3:::deleted", "2026-06-01")+ // stale: no such resource
		waiverYAML("aws-s3-no-such-check", "*", "2026-06-01")+ // stale: check not evaluated
		waiverYAML(checkPAB, "logs", "2026-06-01")+ // no substring matching: stale
		waiverYAML(checkPAB, "arn:aws:s3:::acme-*", "2026-06-01")+ // applies
		waiverYAML(checkPAB, "arn:aws:s3:::acme-l?gs", "2026-06-01")+ // redundant: taken above
		waiverYAML(checkSG, "sg-1", "2025-12-31")+ // expired, one fail again
		waiverYAML(checkSG, "sg-2", "2025-12-31")) // expired, nothing to cover
	out := Apply(rep, f, now)
	wantStatus := []Status{PassOnly, ErrorOnly, Stale, Stale, Stale, Applied, Applied, Expired, Expired}
	for i, u := range out.Uses {
		if u.Status != wantStatus[i] {
			t.Errorf("waiver %d (%s on %s): status %s, want %s", i, u.Waiver.Check, u.Waiver.Resource, u.Status, wantStatus[i])
		}
	}
	if out.Count(Stale) != 3 || out.Count(Expired) != 2 {
		t.Errorf("counts: stale %d expired %d", out.Count(Stale), out.Count(Expired))
	}
	wantWarnings := []string{
		"waiver for aws-s3-block-public-access on arn:aws:s3:::fixed (sec-team) matches only passing results; the risk seems fixed, remove the waiver [waivers.yaml:2]",
		"waiver for aws-s3-block-public-access on arn:aws:s3:::unreadable (sec-team) matches 1 error result, which a waiver never hides (the check could not be evaluated) [waivers.yaml:7]",
		"waiver for aws-s3-block-public-access on arn:aws:s3:::deleted (sec-team) is stale: it matches no result, remove it or fix its resource [waivers.yaml:12]",
		"waiver for aws-s3-no-such-check on * (sec-team) is stale: check aws-s3-no-such-check was not evaluated in this run [waivers.yaml:17]",
		"waiver for aws-s3-block-public-access on logs (sec-team) is stale: it matches no result, remove it or fix its resource [waivers.yaml:22]",
		"waiver for aws-s3-block-public-access on arn:aws:s3:::acme-l?gs (sec-team) is redundant: earlier waivers already cover the 1 failing result it matches [waivers.yaml:32]",
		"waiver for aws-ec2-sg-open-ssh on sg-1 (sec-team) expired on 2025-12-31; 1 result fails again [waivers.yaml:37]",
		"waiver for aws-ec2-sg-open-ssh on sg-2 (sec-team) expired on 2025-12-31; it covers no failing result, remove it [waivers.yaml:42]",
	}
	if strings.Join(rep.Warnings, "\n") != strings.Join(wantWarnings, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(rep.Warnings, "\n"), strings.Join(wantWarnings, "\n"))
	}
	if strings.Join(out.Warnings, "\n") != strings.Join(rep.Warnings, "\n") {
		t.Errorf("outcome warnings differ from report warnings")
	}
	if got := find(t, rep, "arn:aws:s3:::acme-logs"); got.Status != findings.StatusWaived || got.Waiver.Expires != "2026-06-01" {
		t.Errorf("acme-logs = %+v", got)
	}
	if got := find(t, rep, "sg-1"); got.Status != findings.StatusFail {
		t.Errorf("sg-1 waived by an expired waiver: %+v", got)
	}
}

// An expired waiver whose fails an active waiver covers does not claim they "fail again".
func TestApplyExpiredShadowedByActive(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rep := report(result(checkSG, "sg-1", findings.StatusFail, findings.SeverityHigh))
	f := mustParse(t, "waivers:\n"+waiverYAML(checkSG, "sg-*", "2025-06-01")+waiverYAML(checkSG, "sg-1", "2026-06-01"))
	out := Apply(rep, f, now)
	if rep.Results[0].Status != findings.StatusWaived || rep.Results[0].Waiver.Expires != "2026-06-01" {
		t.Fatalf("result = %+v", rep.Results[0])
	}
	if len(out.Warnings) != 1 || !strings.Contains(out.Warnings[0], "expired on 2025-06-01; it covers no failing result") {
		t.Errorf("warnings = %q", out.Warnings)
	}
}

func TestApplyNil(t *testing.T) {
	rep := report(result(checkSG, "sg-1", findings.StatusFail, findings.SeverityHigh))
	out := Apply(rep, nil, time.Now())
	if out.Waived != 0 || len(rep.Warnings) != 0 || rep.Results[0].Status != findings.StatusFail {
		t.Errorf("nil file changed the report: %+v", out)
	}
	out = Apply(rep, mustParse(t, "waivers: []"), time.Now())
	if out.Waived != 0 || len(rep.Warnings) != 0 {
		t.Errorf("empty file changed the report: %+v", out)
	}
}

// The first waiver in file order wins when several cover a result.
func TestApplyFirstWins(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rep := report(result(checkSG, "sg-1", findings.StatusFail, findings.SeverityHigh))
	f := mustParse(t, `waivers:
  - check: aws-ec2-sg-open-ssh
    resource: sg-1
    reason: first
    owner: a
    expires: 2026-02-01
  - check: aws-ec2-sg-open-ssh
    resource: "*"
    reason: second
    owner: b
    expires: 2026-03-01
`)
	Apply(rep, f, now)
	if w := rep.Results[0].Waiver; w == nil || w.Reason != "first" || w.Owner != "a" {
		t.Errorf("waiver = %+v", w)
	}
}
