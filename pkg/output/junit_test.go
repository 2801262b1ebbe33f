package output

import (
	"bytes"
	"encoding/xml"
	"math/rand"
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/findings"
)

// junitDoc is what a CI reporter reads from the JUnit output.
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []struct {
		Name       string `xml:"name,attr"`
		Tests      int    `xml:"tests,attr"`
		Failures   int    `xml:"failures,attr"`
		Errors     int    `xml:"errors,attr"`
		Skipped    int    `xml:"skipped,attr"`
		Properties []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"properties>property"`
		Cases []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"error"`
			Skipped *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"skipped"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func decodeJUnit(t *testing.T, out []byte) junitDoc {
	t.Helper()
	var doc junitDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("junit output is not valid XML: %v\n%s", err, out)
	}
	return doc
}

func TestJUnitGolden(t *testing.T) {
	checkGolden(t, "report.junit.xml.golden", render(t, "junit", fixtureReport(), Options{}))
}

func TestJUnitSuitePerCheckWithCounts(t *testing.T) {
	r := fixtureReport()
	out := render(t, "junit", r, Options{})
	if !bytes.HasPrefix(out, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Errorf("output does not start with the XML declaration: %.60s", out)
	}
	doc := decodeJUnit(t, out)

	type counts struct{ tests, failures, errors, skipped int }
	want := map[string]*counts{}
	for _, res := range r.Results {
		c := want[res.CheckID]
		if c == nil {
			c = &counts{}
			want[res.CheckID] = c
		}
		c.tests++
		switch res.Status {
		case findings.StatusFail:
			c.failures++
		case findings.StatusError:
			c.errors++
		case findings.StatusWaived:
			c.skipped++
		}
	}
	if len(doc.Suites) != len(want) {
		t.Fatalf("got %d suites, want one per check (%d)", len(doc.Suites), len(want))
	}
	prev := ""
	for _, s := range doc.Suites {
		if s.Name <= prev {
			t.Errorf("suite %q is out of order after %q", s.Name, prev)
		}
		prev = s.Name
		w := want[s.Name]
		if w == nil {
			t.Errorf("unexpected suite %q", s.Name)
			continue
		}
		got := counts{s.Tests, s.Failures, s.Errors, s.Skipped}
		if got != *w {
			t.Errorf("suite %s counts (tests, failures, errors, skipped) = %v, want %v", s.Name, got, *w)
		}
		if len(s.Cases) != s.Tests {
			t.Errorf("suite %s has %d test cases, tests=%d", s.Name, len(s.Cases), s.Tests)
		}
		var failures, errs, skipped int
		for _, tc := range s.Cases {
			if tc.Classname != s.Name {
				t.Errorf("test case %q classname = %q, want %q", tc.Name, tc.Classname, s.Name)
			}
			if tc.Failure != nil {
				failures++
			}
			if tc.Error != nil {
				errs++
			}
			if tc.Skipped != nil {
				skipped++
			}
		}
		if (counts{s.Tests, failures, errs, skipped}) != *w {
			t.Errorf("suite %s elements (failure, error, skipped) = %d/%d/%d, want %v", s.Name, failures, errs, skipped, *w)
		}
	}
	sum := r.Summary.ByStatus
	if doc.Tests != len(r.Results) || doc.Failures != sum[findings.StatusFail] || doc.Errors != sum[findings.StatusError] || doc.Skipped != sum[findings.StatusWaived] {
		t.Errorf("testsuites totals = %d/%d/%d/%d, want %d/%d/%d/%d", doc.Tests, doc.Failures, doc.Errors, doc.Skipped,
			len(r.Results), sum[findings.StatusFail], sum[findings.StatusError], sum[findings.StatusWaived])
	}
}

// isCase tells whether a test case name is that of the resource id: "name (id)" or the bare id.
func isCase(name, id string) bool {
	return name == id || strings.HasSuffix(name, " ("+id+")")
}

func TestJUnitCaseContent(t *testing.T) {
	doc := decodeJUnit(t, render(t, "junit", fixtureReport(), Options{}))
	found := map[string]bool{}
	for _, s := range doc.Suites {
		for _, tc := range s.Cases {
			switch {
			case s.Name == "aws-s3-public-acl-grants" && isCase(tc.Name, "arn:aws:s3:::acme-public-assets"):
				found["fail"] = true
				if tc.Failure == nil || tc.Failure.Type != "critical" || tc.Failure.Message != "bucket acme-public-assets grants READ to AllUsers" {
					t.Errorf("failure of public ACL = %+v, want type critical with the message", tc.Failure)
				} else if !strings.Contains(tc.Failure.Text, "Remediation: Remove the grant (aws s3api put-bucket-acl --acl private)") ||
					!strings.Contains(tc.Failure.Text, "Account: 123456789012") {
					t.Errorf("failure text lacks remediation or account:\n%s", tc.Failure.Text)
				}
			case s.Name == "aws-s3-public-acl-grants" && isCase(tc.Name, "arn:aws:s3:::acme-media"):
				found["error"] = true
				if tc.Error == nil || !strings.Contains(tc.Error.Message, "AccessDenied") || tc.Failure != nil {
					t.Errorf("error case = %+v / failure %+v, want an <error> with the AccessDenied message", tc.Error, tc.Failure)
				}
			case s.Name == "aws-iam-user-key-rotation" && isCase(tc.Name, "arn:aws:iam::210987654321:user/bob"):
				found["waived"] = true
				if tc.Skipped == nil || tc.Skipped.Message != "waived: key retired with the legacy ETL job" ||
					!strings.Contains(tc.Skipped.Text, "owner: data-eng") || !strings.Contains(tc.Skipped.Text, "expires: 2026-03-13") {
					t.Errorf("waived case skipped = %+v, want the waiver reason, owner and expiry", tc.Skipped)
				}
			case s.Name == "aws-iam-root-mfa" && isCase(tc.Name, "arn:aws:iam::210987654321:root"):
				found["pass"] = true
				if tc.Failure != nil || tc.Error != nil || tc.Skipped != nil || tc.SystemOut != "the root user has MFA" {
					t.Errorf("passing case = %+v, want no failure/error/skipped and the message as system-out", tc)
				}
			}
		}
		if s.Name == "aws-s3-block-public-access" {
			props := map[string]string{}
			for _, p := range s.Properties {
				props[p.Name] = p.Value
			}
			if props["severity"] != "high" || props["area"] != "data-protection" || props["frameworks"] != "cis-aws-foundations-v6.0.0:3.1.4" {
				t.Errorf("suite properties = %v", props)
			}
		}
	}
	for _, k := range []string{"fail", "error", "waived", "pass"} {
		if !found[k] {
			t.Errorf("no %s test case found", k)
		}
	}
}

func TestJUnitCaseNames(t *testing.T) {
	cases := []struct {
		res  findings.Result
		want string
	}{
		{findings.Result{ResourceID: "arn:aws:s3:::b"}, "arn:aws:s3:::b"},
		{findings.Result{ResourceID: "arn:aws:ec2:us-east-1:1:instance/i-1", ResourceName: "web-1"}, "web-1 (arn:aws:ec2:us-east-1:1:instance/i-1)"},
		{findings.Result{ResourceID: "x", ResourceName: "x"}, "x"},
		{findings.Result{ResourceType: "aws_s3_bucket", Account: "1", Region: "eu-west-1"}, "aws_s3_bucket in 1/eu-west-1"},
	}
	for _, c := range cases {
		if got := junitCaseName(c.res); got != c.want {
			t.Errorf("junitCaseName(%+v) = %q, want %q", c.res, got, c.want)
		}
	}
}

func TestJUnitEscapesMarkupAndControlCharacters(t *testing.T) {
	r := fixtureReport()
	r.Results[1].Message = "bad <failure> & \"quote\" ]]> \x01 end"
	doc := decodeJUnit(t, render(t, "junit", r, Options{}))
	for _, s := range doc.Suites {
		for _, tc := range s.Cases {
			if s.Name == r.Results[1].CheckID && tc.Failure != nil {
				if want := "bad <failure> & \"quote\" ]]> \uFFFD end"; tc.Failure.Message != want {
					t.Errorf("message = %q, want %q", tc.Failure.Message, want)
				}
				return
			}
		}
	}
	t.Fatal("failure with the odd message not found")
}

func TestJUnitDeterministic(t *testing.T) {
	r := fixtureReport()
	first := render(t, "junit", r, Options{})
	rand.New(rand.NewSource(1)).Shuffle(len(r.Results), func(i, j int) { r.Results[i], r.Results[j] = r.Results[j], r.Results[i] })
	if second := render(t, "junit", r, Options{}); !bytes.Equal(first, second) {
		t.Error("output depends on the order of results")
	}
}

func TestJUnitEmptyReport(t *testing.T) {
	doc := decodeJUnit(t, render(t, "junit", &findings.Report{}, Options{}))
	if doc.Tests != 0 || len(doc.Suites) != 0 {
		t.Errorf("empty report gave %d tests in %d suites", doc.Tests, len(doc.Suites))
	}
}

// TestJUnitFleetAccounts: an account that could not be collected is a suite with one <error>
// giving the reason, a skipped account a suite with one <skipped>; both count in the totals, and
// the uncollected account's error results stay in their checks' suites.
func TestJUnitFleetAccounts(t *testing.T) {
	r := fixtureFleetReport()
	plain := decodeJUnit(t, render(t, "junit", fixtureReport(), Options{}))
	doc := decodeJUnit(t, render(t, "junit", r, Options{}))
	if doc.Tests != plain.Tests+3+2 || doc.Errors != plain.Errors+3+1 || doc.Skipped != plain.Skipped+1 || doc.Failures != plain.Failures {
		t.Errorf("totals tests %d errors %d skipped %d failures %d; without the fleet accounts %d %d %d %d",
			doc.Tests, doc.Errors, doc.Skipped, doc.Failures, plain.Tests, plain.Errors, plain.Skipped, plain.Failures)
	}
	n := len(doc.Suites)
	if n < 2 {
		t.Fatalf("%d suites", n)
	}
	denied, skipped := doc.Suites[n-2], doc.Suites[n-1]
	if denied.Name != "account aws/"+fixtureAccountDenied || denied.Tests != 1 || denied.Errors != 1 || len(denied.Cases) != 1 {
		t.Fatalf("denied account's suite: %+v", denied)
	}
	c := denied.Cases[0]
	if c.Error == nil || c.Error.Type != "account-not-collected" || c.Error.Message != "could not be collected: "+fixtureDeniedReason ||
		c.Name != "collect aws account 333333333333 (payments-sandbox)" || c.Failure != nil {
		t.Errorf("denied account's case: %+v (error %+v)", c, c.Error)
	}
	if skipped.Name != "account aws/"+fixtureAccountSuspended || skipped.Skipped != 1 || len(skipped.Cases) != 1 ||
		skipped.Cases[0].Skipped == nil || skipped.Cases[0].Skipped.Message != "skipped: "+fixtureSuspendedReason || skipped.Cases[0].Error != nil {
		t.Errorf("skipped account's suite: %+v", skipped)
	}
	errs := 0
	for _, s := range doc.Suites[:n-2] {
		for _, tc := range s.Cases {
			if tc.Error != nil && strings.Contains(tc.Name, fixtureAccountDenied) {
				errs++
			}
		}
	}
	if errs != 3 {
		t.Errorf("%d error cases of the denied account in the checks' suites, want 3", errs)
	}
}
