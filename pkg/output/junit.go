package output

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/incloud/incloud/pkg/findings"
)

func init() { Register("junit", writeJUnit) }

// The JUnit XML subset CI test reporters read (the Ant/Surefire schema): a <testsuites> root, one
// <testsuite> per check and one <testcase> per result.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Skipped  int          `xml:"skipped,attr"`
		Time     string       `xml:"time,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name       string          `xml:"name,attr"`
		Tests      int             `xml:"tests,attr"`
		Failures   int             `xml:"failures,attr"`
		Errors     int             `xml:"errors,attr"`
		Skipped    int             `xml:"skipped,attr"`
		Time       string          `xml:"time,attr"`
		Timestamp  string          `xml:"timestamp,attr,omitempty"`
		Properties []junitProperty `xml:"properties>property"`
		Cases      []junitCase     `xml:"testcase"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Time      string        `xml:"time,attr"`
		Failure   *junitProblem `xml:"failure"`
		Error     *junitProblem `xml:"error"`
		Skipped   *junitSkipped `xml:"skipped"`
		SystemOut string        `xml:"system-out,omitempty"`
	}
	junitProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
	junitSkipped struct {
		Message string `xml:"message,attr"`
		Text    string `xml:",chardata"`
	}
)

// junitErrorType is the type attribute of <error>: the check could not be evaluated, most often
// because the data it needs could not be collected.
const junitErrorType = "collection-error"

// junitAccountErrorType is the type attribute of the <error> of an account that could not be
// collected at all.
const junitAccountErrorType = "account-not-collected"

// writeJUnit renders the report as JUnit XML so that CI test reporters show the audit like a test
// run: fail -> <failure type=severity>, error -> <error>, waived -> <skipped message=reason>, pass
// -> a plain testcase. Suites are ordered by check id and test cases by findings.Sort; the output
// depends only on the report. After the checks' suites, each account of a fleet that could not
// be collected is a suite "account <provider>/<account>" whose one test case is an <error> with
// the reason, and each account skipped on purpose one whose test case is <skipped> with why.
func writeJUnit(w io.Writer, r *findings.Report, _ Options) error {
	doc := buildJUnit(r)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write junit header: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode junit: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("encode junit: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	return nil
}

// buildJUnit groups the results by check.
func buildJUnit(r *findings.Report) junitSuites {
	results := append([]findings.Result(nil), r.Results...)
	findings.Sort(results)
	byCheck := map[string][]findings.Result{}
	for _, res := range results {
		byCheck[res.CheckID] = append(byCheck[res.CheckID], res)
	}
	ids := make([]string, 0, len(byCheck))
	for id := range byCheck {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	checks := r.CheckIndex()
	timestamp := ""
	if !r.GeneratedAt.IsZero() {
		timestamp = r.GeneratedAt.UTC().Format("2006-01-02T15:04:05")
	}

	doc := junitSuites{Name: "incloud", Time: "0", Suites: make([]junitSuite, 0, len(ids))}
	for _, id := range ids {
		rs := byCheck[id]
		c, ok := checks[id]
		if !ok {
			// A result of a check the report has no metadata for: describe it from the result.
			c = findings.Check{ID: id, Title: rs[0].Title, Severity: rs[0].Severity, Area: rs[0].Area,
				ServiceModel: rs[0].ServiceModel, ResourceType: rs[0].ResourceType, Frameworks: rs[0].Frameworks}
		}
		s := junitSuite{Name: id, Time: "0", Timestamp: timestamp, Properties: junitProperties(c)}
		for _, res := range rs {
			tc := junitCase{Name: junitCaseName(res), Classname: id, Time: "0"}
			switch res.Status {
			case findings.StatusFail:
				s.Failures++
				tc.Failure = &junitProblem{Message: res.Message, Type: string(res.Severity), Text: junitDetail(res)}
			case findings.StatusError:
				s.Errors++
				tc.Error = &junitProblem{Message: res.Message, Type: junitErrorType, Text: junitDetail(res)}
			case findings.StatusWaived:
				s.Skipped++
				reason, detail := "waived", ""
				if res.Waiver != nil {
					reason = "waived: " + res.Waiver.Reason
					detail = junitWaiverDetail(res.Waiver)
				}
				tc.Skipped = &junitSkipped{Message: reason, Text: detail}
				tc.SystemOut = res.Message
			default:
				tc.SystemOut = res.Message
			}
			s.Tests++
			s.Cases = append(s.Cases, tc)
		}
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
		doc.Suites = append(doc.Suites, s)
	}
	for _, t := range r.Targets {
		if t.Collected() {
			continue
		}
		name := "account " + t.Provider + "/" + t.Account
		props := []junitProperty{{"provider", t.Provider}, {"account", t.Account}}
		if t.Name != "" {
			props = append(props, junitProperty{"name", t.Name})
		}
		s := junitSuite{Name: name, Tests: 1, Time: "0", Timestamp: timestamp, Properties: props}
		tc := junitCase{Name: "collect " + t.Provider + " account " + t.Account, Classname: name, Time: "0"}
		if t.Name != "" {
			tc.Name += " (" + t.Name + ")"
		}
		if t.Error != "" {
			s.Errors = 1
			tc.Error = &junitProblem{Message: "could not be collected: " + t.Error, Type: junitAccountErrorType,
				Text: "The account could not be collected: " + t.Error + "\nNone of its resources were checked; its account-level checks are error results with this reason.\n"}
		} else {
			s.Skipped = 1
			tc.Skipped = &junitSkipped{Message: "skipped: " + t.Skipped}
		}
		s.Cases = []junitCase{tc}
		doc.Tests += s.Tests
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
		doc.Suites = append(doc.Suites, s)
	}
	return doc
}

// junitCaseName names a test case after its resource: "name (id)" when the resource has a name of
// its own, the id otherwise, and the resource type, account and region when there is no id (a
// whole list call failed).
func junitCaseName(res findings.Result) string {
	where := res.Account
	if res.Region != "" {
		where += "/" + res.Region
	}
	switch {
	case res.ResourceID == "":
		return fmt.Sprintf("%s in %s", res.ResourceType, where)
	case res.ResourceName != "" && res.ResourceName != res.ResourceID:
		return fmt.Sprintf("%s (%s)", res.ResourceName, res.ResourceID)
	}
	return res.ResourceID
}

// junitDetail is the body of a <failure> or <error>: the message, where, and how to fix it.
func junitDetail(res findings.Result) string {
	var b strings.Builder
	b.WriteString(res.Message + "\n")
	fmt.Fprintf(&b, "\nResource: %s\nType: %s\nAccount: %s\nRegion: %s\nSeverity: %s\nArea: %s\n",
		res.ResourceID, res.ResourceType, res.Account, res.Region, res.Severity, res.Area)
	if fw := frameworkList(res.Frameworks); fw != "" {
		fmt.Fprintf(&b, "Frameworks: %s\n", fw)
	}
	if res.Status == findings.StatusFail && res.Remediation != "" {
		fmt.Fprintf(&b, "\nRemediation: %s\n", res.Remediation)
	}
	return b.String()
}

func junitWaiverDetail(w *findings.Waiver) string {
	var parts []string
	if w.Owner != "" {
		parts = append(parts, "owner: "+w.Owner)
	}
	if w.Expires != "" {
		parts = append(parts, "expires: "+w.Expires)
	}
	return strings.Join(parts, "\n")
}

// junitProperties describes a check as suite properties.
func junitProperties(c findings.Check) []junitProperty {
	props := []junitProperty{
		{"title", c.Title},
		{"severity", string(c.Severity)},
		{"area", c.Area},
		{"service_model", c.ServiceModel},
		{"resource_type", c.ResourceType},
	}
	if fw := frameworkList(c.Frameworks); fw != "" {
		props = append(props, junitProperty{"frameworks", fw})
	}
	return props
}

// frameworkList writes framework controls as "key:id1|id2;key2:id3", keys sorted, frameworks with
// no control left out. CSV and JUnit share it.
func frameworkList(fw map[string][]string) string {
	keys := make([]string, 0, len(fw))
	for k, ids := range fw {
		if len(ids) > 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ":" + strings.Join(fw[k], "|")
	}
	return strings.Join(parts, ";")
}
