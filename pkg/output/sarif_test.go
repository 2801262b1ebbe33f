package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/incloud/incloud/pkg/findings"
)

// sarifDoc is the part of a SARIF log the tests look at.
type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				Version        string `json:"version"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID               string `json:"id"`
					Name             string `json:"name"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					FullDescription struct {
						Text string `json:"text"`
					} `json:"fullDescription"`
					Help struct {
						Text     string `json:"text"`
						Markdown string `json:"markdown"`
					} `json:"help"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					Properties map[string]any `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		AutomationDetails struct {
			ID string `json:"id"`
		} `json:"automationDetails"`
		Invocations []struct {
			ExecutionSuccessful        bool   `json:"executionSuccessful"`
			EndTimeUTC                 string `json:"endTimeUtc"`
			ToolExecutionNotifications []struct {
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
				Properties map[string]string `json:"properties"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
				LogicalLocations []struct {
					FullyQualifiedName string `json:"fullyQualifiedName"`
				} `json:"logicalLocations"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Suppressions        []struct {
				Kind          string `json:"kind"`
				Status        string `json:"status"`
				Justification string `json:"justification"`
			} `json:"suppressions"`
			Properties map[string]string `json:"properties"`
		} `json:"results"`
		Properties map[string]any `json:"properties"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, out []byte) sarifDoc {
	t.Helper()
	var doc sarifDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("decode sarif: %v", err)
	}
	return doc
}

// sarifSchema compiles the official SARIF 2.1.0 schema, found at ../shared/schemas/ from the
// module root; where it is absent the test fails under CI=true and is skipped otherwise.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("module root (go.mod) not found above the test directory")
		}
		dir = parent
	}
	path := filepath.Join(dir, "..", "shared", "schemas", "sarif-schema-2.1.0.json")
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		cannotRun(t, "the SARIF 2.1.0 schema is not at "+path+", so the SARIF output was not validated against it",
			"put sarif-schema-2.1.0.json (from the OASIS SARIF 2.1.0 specification) in ../shared/schemas/ beside the module root")
	}
	if err != nil {
		t.Fatalf("open SARIF schema: %v", err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("parse SARIF schema: %v", err)
	}
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(url, doc); err != nil {
		t.Fatalf("add SARIF schema: %v", err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile SARIF schema: %v", err)
	}
	return sch
}

func validateSARIF(sch *jsonschema.Schema, out []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		return fmt.Errorf("parse output: %w", err)
	}
	return sch.Validate(inst)
}

func TestSARIFGolden(t *testing.T) {
	checkGolden(t, "report.sarif.golden", render(t, "sarif", fixtureReport(), Options{}))
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	sch := sarifSchema(t)
	cases := map[string][]byte{
		"fixture":        render(t, "sarif", fixtureReport(), Options{}),
		"include waived": render(t, "sarif", fixtureReport(), Options{IncludeWaived: true}),
		"empty report":   render(t, "sarif", &findings.Report{}, Options{}),
		"fleet":          render(t, "sarif", fixtureFleetReport(), Options{}),
		"all skipped": render(t, "sarif", &findings.Report{Targets: []findings.Target{
			{Provider: "aws", Account: fixtureAccountSuspended, Skipped: fixtureSuspendedReason},
		}}, Options{}),
	}
	for name, out := range cases {
		if err := validateSARIF(sch, out); err != nil {
			t.Errorf("%s: SARIF does not validate: %v", name, err)
		}
	}
	// The validator does reject what GitHub would: a level outside the enum and a bad start line.
	bad := bytes.Replace(cases["fixture"], []byte(`"level": "error"`), []byte(`"level": "critical"`), 1)
	if err := validateSARIF(sch, bad); err == nil {
		t.Error("a SARIF log with level \"critical\" validated")
	}
	bad = bytes.Replace(cases["fixture"], []byte(`"startLine": 1`), []byte(`"startLine": 0`), 1)
	if err := validateSARIF(sch, bad); err == nil {
		t.Error("a SARIF log with startLine 0 validated")
	}
}

func TestSARIFRunsAndRules(t *testing.T) {
	r := fixtureReport()
	doc := decodeSARIF(t, render(t, "sarif", r, Options{}))
	if doc.Version != "2.1.0" || !strings.HasPrefix(doc.Schema, "https://") {
		t.Errorf("version %q, $schema %q", doc.Version, doc.Schema)
	}
	if len(doc.Runs) != 2 {
		t.Fatalf("%d runs, want one per account (2)", len(doc.Runs))
	}
	wantIDs := []string{"incloud/aws/" + fixtureAccountProd + "/", "incloud/aws/" + fixtureAccountStaging + "/"}
	for i, run := range doc.Runs {
		if run.AutomationDetails.ID != wantIDs[i] {
			t.Errorf("run %d automationDetails.id = %q, want %q", i, run.AutomationDetails.ID, wantIDs[i])
		}
		d := run.Tool.Driver
		if d.Name != "incloud" || d.Version != "1.4.0" || d.InformationURI == "" {
			t.Errorf("run %d driver = %q %q %q", i, d.Name, d.Version, d.InformationURI)
		}
		if len(d.Rules) != len(r.Checks) {
			t.Fatalf("run %d has %d rules, want one per check (%d)", i, len(d.Rules), len(r.Checks))
		}
		for j, rule := range d.Rules {
			c := r.Checks[j]
			if rule.ID != c.ID || rule.ShortDescription.Text != c.Title || rule.FullDescription.Text != c.Description {
				t.Errorf("rule %d = %s %q %q, want check %s", j, rule.ID, rule.ShortDescription.Text, rule.FullDescription.Text, c.ID)
			}
			for _, part := range []string{c.Rationale, c.Remediation} {
				if !strings.Contains(rule.Help.Text, part) {
					t.Errorf("rule %s help.text lacks %q", c.ID, part)
				}
			}
			if !strings.Contains(rule.Help.Markdown, "## Why this is yours") || !strings.Contains(rule.Help.Markdown, "## Remediation") {
				t.Errorf("rule %s help.markdown lacks its sections", c.ID)
			}
			for k, ids := range c.Frameworks {
				for _, id := range ids {
					if !strings.Contains(rule.Help.Markdown, k+": "+id) {
						t.Errorf("rule %s help.markdown lacks framework %s %s", c.ID, k, id)
					}
				}
			}
			if rule.Properties["precision"] != "very-high" {
				t.Errorf("rule %s precision = %v", c.ID, rule.Properties["precision"])
			}
		}
	}
	rule := doc.Runs[0].Tool.Driver.Rules[8] // aws-s3-block-public-access
	if rule.ID != "aws-s3-block-public-access" || rule.Name != "AwsS3BlockPublicAccess" {
		t.Fatalf("rule 8 = %s %s", rule.ID, rule.Name)
	}
	tags := rule.Properties["tags"].([]any)
	want := []any{"security", "data-protection", "cis-aws-foundations-v6.0.0/3.1.4", "paas"}
	if !reflect.DeepEqual(tags, want) {
		t.Errorf("tags = %v, want %v", tags, want)
	}
}

func TestSARIFSeverityMapping(t *testing.T) {
	cases := []struct {
		sev          findings.Severity
		level, score string
	}{
		{findings.SeverityCritical, "error", "9.5"},
		{findings.SeverityHigh, "error", "8.0"},
		{findings.SeverityMedium, "warning", "5.5"},
		{findings.SeverityLow, "note", "2.0"},
		{findings.SeverityInfo, "note", "0.0"},
	}
	r := fixtureReport()
	doc := decodeSARIF(t, render(t, "sarif", r, Options{}))
	seen := map[findings.Severity]bool{}
	for j, rule := range doc.Runs[0].Tool.Driver.Rules {
		sev := r.Checks[j].Severity
		seen[sev] = true
		for _, c := range cases {
			if c.sev != sev {
				continue
			}
			if rule.DefaultConfiguration.Level != c.level {
				t.Errorf("%s (%s): level %q, want %q", rule.ID, sev, rule.DefaultConfiguration.Level, c.level)
			}
			// A JSON string, not a number: GitHub reads security-severity as a numeric string.
			if got, ok := rule.Properties["security-severity"].(string); !ok || got != c.score {
				t.Errorf("%s (%s): security-severity %#v, want the string %q", rule.ID, sev, rule.Properties["security-severity"], c.score)
			}
		}
	}
	if len(seen) != 5 {
		t.Errorf("the fixture covers %d severities, want all 5", len(seen))
	}
	for _, run := range doc.Runs {
		for _, res := range run.Results {
			if want := run.Tool.Driver.Rules[res.RuleIndex].DefaultConfiguration.Level; res.Level != want {
				t.Errorf("result %s level %q, its rule's %q", res.RuleID, res.Level, want)
			}
		}
	}
}

func TestSARIFTagLimit(t *testing.T) {
	c := findings.Check{ID: "aws-x-many", Area: "network-controls", ServiceModel: "iaas", Frameworks: map[string][]string{
		"nist-800-53-r5":             {"AC-3", "AC-4", "AC-6", "SC-7", "SC-7(3)", "SC-7(4)", "SC-7(5)"},
		"cis-aws-foundations-v6.0.0": {"6.3", "6.4", "6.5"},
		"pci-dss-v4.0":               {"1.2.1", "1.3.1"},
	}}
	tags := sarifTags(c)
	if len(tags) != 10 {
		t.Fatalf("%d tags, want the limit of 10: %v", len(tags), tags)
	}
	want := []string{"security", "network-controls", "cis-aws-foundations-v6.0.0/6.3", "cis-aws-foundations-v6.0.0/6.4", "cis-aws-foundations-v6.0.0/6.5"}
	if !reflect.DeepEqual(tags[:5], want) {
		t.Errorf("tags start %v, want %v", tags[:5], want)
	}
}

// TestSARIFFailAndErrorResults: every fail and every error is a result (an error left out would
// close its alert in code scanning as if the resource passed); passes and, by default, waived
// results are not.
func TestSARIFFailAndErrorResults(t *testing.T) {
	r := fixtureReport()
	counts := map[string]map[findings.Status]int{}
	for _, res := range r.Results {
		if counts[res.Account] == nil {
			counts[res.Account] = map[findings.Status]int{}
		}
		counts[res.Account][res.Status]++
	}
	// The fixture: prod has 10 fails and 3 errors, staging 3 fails and none.
	if c := counts[fixtureAccountProd]; c[findings.StatusFail] != 10 || c[findings.StatusError] != 3 {
		t.Fatalf("prod fixture counts %v", c)
	}
	doc := decodeSARIF(t, render(t, "sarif", r, Options{}))
	for i, account := range []string{fixtureAccountProd, fixtureAccountStaging} {
		run := doc.Runs[i]
		got := map[string]int{}
		for _, res := range run.Results {
			status := res.Properties["incloud/status"]
			got[status]++
			if len(res.Suppressions) != 0 {
				t.Errorf("run %s: %s result %s is suppressed", account, status, res.RuleID)
			}
			if !strings.Contains(res.Locations[0].PhysicalLocation.ArtifactLocation.URI, "/"+account+"/") {
				t.Errorf("run %s holds a result of another account: %s", account, res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
			}
			switch status {
			case "fail":
				if strings.HasPrefix(res.Message.Text, "Could not check") {
					t.Errorf("fail %s reads as an error: %q", res.RuleID, res.Message.Text)
				}
			case "error":
				if !strings.HasPrefix(res.Message.Text, "Could not check: ") || strings.Contains(res.Message.Text, "could not evaluate") ||
					!strings.Contains(res.Message.Text, "AccessDenied") && !strings.Contains(res.Message.Text, "UnauthorizedOperation") {
					t.Errorf("error %s message %q, want \"Could not check: <reason>\"", res.RuleID, res.Message.Text)
				}
			default:
				t.Errorf("run %s: result %s is %s", account, res.RuleID, status)
			}
		}
		want := map[string]int{"fail": counts[account][findings.StatusFail]}
		if n := counts[account][findings.StatusError]; n > 0 {
			want["error"] = n
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("run %s results by status %v, want %v", account, got, want)
		}
	}
	// The notification still counts the errors, and says how they appear.
	if n := doc.Runs[0].Invocations[0].ToolExecutionNotifications; len(n) != 1 || !strings.Contains(n[0].Message.Text, "3 results could not be evaluated") ||
		!strings.Contains(n[0].Message.Text, "aws-s3-block-public-access (1)") || !strings.Contains(n[0].Message.Text, "keeps the alert") {
		t.Errorf("incomplete run's notifications = %+v", n)
	}
	if n := doc.Runs[1].Invocations[0].ToolExecutionNotifications; len(n) != 0 {
		t.Errorf("complete run without errors has notifications %+v", n)
	}
	if doc.Runs[0].Invocations[0].EndTimeUTC != "2026-03-01T12:00:00Z" {
		t.Errorf("endTimeUtc = %q, want the report's generated_at", doc.Runs[0].Invocations[0].EndTimeUTC)
	}

	with := decodeSARIF(t, render(t, "sarif", r, Options{IncludeWaived: true}))
	waived := 0
	for _, run := range with.Runs {
		for _, res := range run.Results {
			if res.Properties["incloud/status"] != "waived" {
				continue
			}
			waived++
			if len(res.Suppressions) != 1 || res.Suppressions[0].Kind != "external" || res.Suppressions[0].Status != "accepted" ||
				res.Suppressions[0].Justification == "" {
				t.Errorf("waived result %s suppressions = %+v", res.RuleID, res.Suppressions)
			}
		}
	}
	if waived != 2 {
		t.Errorf("IncludeWaived gave %d waived results, want 2", waived)
	}
}

// TestSARIFErrorKeepsTheFailsAlert: code scanning matches a result to an alert by rule,
// location and partialFingerprints. A check that failed on a resource last week and could not
// look at it this week must give the same three, or the alert would close as fixed.
func TestSARIFErrorKeepsTheFailsAlert(t *testing.T) {
	r := fixtureReport()
	var fail findings.Result
	for _, res := range r.Results {
		if res.CheckID == "aws-s3-block-public-access" && res.Status == findings.StatusFail && res.Account == fixtureAccountProd {
			fail = res
		}
	}
	if fail.ResourceID == "" {
		t.Fatal("fixture lacks the prod fail of aws-s3-block-public-access")
	}
	week := func(res findings.Result) sarifResult {
		t.Helper()
		rep := *r
		rep.Results = []findings.Result{res}
		log := buildSARIF(&rep, false, sarifMaxResultsPerRun, func(m string) { t.Errorf("warning %q", m) })
		if len(log.Runs) != 2 || log.Runs[0].AutomationDetails.ID != "incloud/aws/"+fixtureAccountProd+"/" || len(log.Runs[0].Results) != 1 {
			t.Fatalf("runs %+v", log.Runs)
		}
		return log.Runs[0].Results[0]
	}
	for _, computed := range []bool{false, true} {
		res := fail
		if computed {
			res.Fingerprint = "" // the writer computes it the same way for both statuses
		}
		before := week(res)
		res.Status = findings.StatusError
		res.Message = "could not check: s3:GetPublicAccessBlock failed for aws_s3_bucket " + res.ResourceID + ": AccessDenied: Access Denied"
		after := week(res)

		if after.RuleID != before.RuleID || after.Level != before.Level {
			t.Errorf("error result rule %s level %s, the fail's %s %s", after.RuleID, after.Level, before.RuleID, before.Level)
		}
		if !reflect.DeepEqual(after.Locations, before.Locations) {
			t.Errorf("error result locations %+v, the fail's %+v", after.Locations, before.Locations)
		}
		if after.PartialFingerprints != before.PartialFingerprints || after.PartialFingerprints.PrimaryLocationLineHash != fail.Fingerprint {
			t.Errorf("error result fingerprints %+v, the fail's %+v (result's %s)", after.PartialFingerprints, before.PartialFingerprints, fail.Fingerprint)
		}
		if got := after.Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "aws/123456789012/us-east-1/aws_s3_bucket/acme-public-assets" {
			t.Errorf("uri %q", got)
		}
		if after.Message.Text != "Could not check: s3:GetPublicAccessBlock failed for aws_s3_bucket arn:aws:s3:::acme-public-assets: AccessDenied: Access Denied" {
			t.Errorf("error message %q", after.Message.Text)
		}
		if after.Properties.Status != "error" || before.Properties.Status != "fail" || len(after.Suppressions) != 0 {
			t.Errorf("statuses %q then %q, suppressions %+v", before.Properties.Status, after.Properties.Status, after.Suppressions)
		}
	}
}

// TestSARIFListError: an error without a resource (a listing that failed) is a result at its type
// and region, so users see that the whole type was not checked there.
func TestSARIFListError(t *testing.T) {
	r := fixtureReport()
	c := r.CheckIndex()["aws-s3-block-public-access"]
	const msg = "could not list aws_s3_bucket in eu-west-1: s3:ListBuckets failed: AccessDenied: Access Denied"
	listErr := findings.Result{
		CheckID: c.ID, Title: c.Title, Status: findings.StatusError, Severity: c.Severity, Area: c.Area,
		ServiceModel: c.ServiceModel, Provider: "aws", Account: fixtureAccountStaging, Region: "eu-west-1",
		ResourceType: c.ResourceType, Message: msg, Frameworks: c.Frameworks, Remediation: c.Remediation,
		Fingerprint: findings.Fingerprint(c.ID, "aws", fixtureAccountStaging, "eu-west-1", c.ResourceType, ""),
	}
	r.Results = append(r.Results, listErr)
	out := render(t, "sarif", r, Options{})
	if err := validateSARIF(sarifSchema(t), out); err != nil {
		t.Errorf("SARIF with a list error does not validate: %v", err)
	}
	doc := decodeSARIF(t, out)
	staging := doc.Runs[1]
	if staging.AutomationDetails.ID != "incloud/aws/"+fixtureAccountStaging+"/" || len(staging.Results) != 4 {
		t.Fatalf("staging run %s has %d results, want its 3 fails and the list error", staging.AutomationDetails.ID, len(staging.Results))
	}
	found := 0
	for _, res := range staging.Results {
		if res.Properties["incloud/status"] != "error" {
			continue
		}
		found++
		rule := staging.Tool.Driver.Rules[res.RuleIndex]
		if res.RuleID != c.ID || rule.ID != c.ID || res.Level != rule.DefaultConfiguration.Level {
			t.Errorf("list error rule %s (index to %s), level %s", res.RuleID, rule.ID, res.Level)
		}
		if res.Message.Text != "Could not check: "+msg {
			t.Errorf("list error message %q", res.Message.Text)
		}
		if got := res.Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "aws/210987654321/eu-west-1/aws_s3_bucket/_" {
			t.Errorf("list error uri %q", got)
		}
		if got := res.Locations[0].LogicalLocations[0].FullyQualifiedName; got != "aws/210987654321/eu-west-1/aws_s3_bucket" {
			t.Errorf("list error logical location %q", got)
		}
		if got := res.PartialFingerprints["primaryLocationLineHash"]; got != listErr.Fingerprint {
			t.Errorf("list error fingerprint %q, want %q", got, listErr.Fingerprint)
		}
	}
	if found != 1 {
		t.Errorf("staging run has %d error results, want the list error", found)
	}
	n := staging.Invocations[0].ToolExecutionNotifications
	if len(n) != 1 || n[0].Level != "warning" || !strings.Contains(n[0].Message.Text, "1 result could not be evaluated: aws-s3-block-public-access (1). It is a result") {
		t.Errorf("staging notifications %+v", n)
	}
	if !staging.Invocations[0].ExecutionSuccessful {
		t.Error("a run with an error result is not successful")
	}
}

func TestSARIFLocations(t *testing.T) {
	doc := decodeSARIF(t, render(t, "sarif", fixtureReport(), Options{IncludeWaived: true}))
	n := 0
	for _, run := range doc.Runs {
		for _, res := range run.Results {
			n++
			if len(res.Locations) != 1 {
				t.Fatalf("%s has %d locations, want 1", res.RuleID, len(res.Locations))
			}
			loc := res.Locations[0]
			uri := loc.PhysicalLocation.ArtifactLocation.URI
			if strings.ContainsAny(uri, ":*\\ ") || strings.HasPrefix(uri, "/") || strings.Contains(uri, "//") {
				t.Errorf("uri %q is not a relative scheme-less path", uri)
			}
			if loc.PhysicalLocation.Region.StartLine != 1 {
				t.Errorf("%s startLine %d", uri, loc.PhysicalLocation.Region.StartLine)
			}
			if len(loc.LogicalLocations) != 1 || !strings.HasPrefix(loc.LogicalLocations[0].FullyQualifiedName, "arn:aws:") {
				t.Errorf("%s logical locations %+v", uri, loc.LogicalLocations)
			}
			if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
				t.Errorf("ruleIndex %d of %s points to %s", res.RuleIndex, res.RuleID, run.Tool.Driver.Rules[res.RuleIndex].ID)
			}
			if len(res.PartialFingerprints["primaryLocationLineHash"]) != 32 {
				t.Errorf("%s fingerprint %q", uri, res.PartialFingerprints["primaryLocationLineHash"])
			}
		}
	}
	if n == 0 {
		t.Fatal("no results")
	}
	first := doc.Runs[0].Results[1]
	if got := first.Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "aws/123456789012/us-east-1/aws_s3_bucket/acme-public-assets" {
		t.Errorf("bucket uri = %q", got)
	}
}

func TestSARIFArtifactURI(t *testing.T) {
	res := func(region, typ, id string) findings.Result {
		return findings.Result{Provider: "aws", Account: "123456789012", Region: region, ResourceType: typ, ResourceID: id}
	}
	cases := []struct {
		r    findings.Result
		want string
	}{
		{res("us-east-1", "aws_s3_bucket", "arn:aws:s3:::acme-logs"), "aws/123456789012/us-east-1/aws_s3_bucket/acme-logs"},
		{res("global", "aws_iam_user", "arn:aws:iam::123456789012:user/ci/deploy-bot"), "aws/123456789012/global/aws_iam_user/ci/deploy-bot"},
		{res("us-east-1", "aws_logs_metric_filter", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/ct:metric-filter/*"),
			"aws/123456789012/us-east-1/aws_logs_metric_filter/log-group_/aws/ct_metric-filter/_"},
		{res("", "aws_account", "arn:aws:iam::123456789012:root"), "aws/123456789012/global/aws_account/root"},
		{res("eu-west-1", "aws_rds_db_instance", "arn:aws:rds:eu-west-1:123456789012:db:prod db"), "aws/123456789012/eu-west-1/aws_rds_db_instance/db_prod_db"},
		{res("us-east-1", "aws_x", "../../etc/passwd"), "aws/123456789012/us-east-1/aws_x/__/__/etc/passwd"},
		{res("us-east-1", "aws_x", ""), "aws/123456789012/us-east-1/aws_x/_"},
	}
	for _, c := range cases {
		if got := sarifArtifactURI(c.r); got != c.want {
			t.Errorf("uri of %q = %q, want %q", c.r.ResourceID, got, c.want)
		}
	}
}

func TestSARIFFingerprintsStableWhenOtherResultsChange(t *testing.T) {
	fingerprints := func(r *findings.Report) map[string]string {
		m := map[string]string{}
		for _, run := range decodeSARIF(t, render(t, "sarif", r, Options{})).Runs {
			for _, res := range run.Results {
				m[res.RuleID+" "+res.Locations[0].LogicalLocations[0].FullyQualifiedName] = res.PartialFingerprints["primaryLocationLineHash"]
			}
		}
		return m
	}
	base := fingerprints(fixtureReport())

	r := fixtureReport()
	var kept []findings.Result
	for i, res := range r.Results {
		if res.CheckID == "aws-s3-public-acl-grants" || res.CheckID == "aws-ec2-imdsv2" {
			continue // unrelated results disappear
		}
		res.Message = fmt.Sprintf("reworded message %d", i) // and messages change
		if res.CheckID == "aws-iam-root-mfa" {
			res.Fingerprint = "" // a writer computes a missing fingerprint the same way
		}
		kept = append(kept, res)
	}
	r.Results = kept
	changed := fingerprints(r)
	if len(changed) == 0 || len(changed) >= len(base) {
		t.Fatalf("%d results before, %d after removing some", len(base), len(changed))
	}
	for key, fp := range changed {
		if base[key] != fp {
			t.Errorf("fingerprint of %s changed from %q to %q", key, base[key], fp)
		}
	}
	for _, res := range fixtureReport().Results {
		if res.Status == findings.StatusFail && base[res.CheckID+" "+res.ResourceID] != res.Fingerprint {
			t.Errorf("%s %s: SARIF fingerprint is not the result's fingerprint", res.CheckID, res.ResourceID)
		}
	}
}

func TestSARIFDeterministic(t *testing.T) {
	a := render(t, "sarif", fixtureReport(), Options{IncludeWaived: true})
	b := render(t, "sarif", fixtureReport(), Options{IncludeWaived: true})
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of the same report differ")
	}
	r := fixtureReport()
	for i, j := 0, len(r.Results)-1; i < j; i, j = i+1, j-1 {
		r.Results[i], r.Results[j] = r.Results[j], r.Results[i]
	}
	if c := render(t, "sarif", r, Options{IncludeWaived: true}); !bytes.Equal(a, c) {
		t.Error("the same results in another order give a different SARIF log")
	}
}

func TestSARIFAccountsWithoutTargetGetTheirOwnRun(t *testing.T) {
	r := fixtureReport()
	r.Targets = r.Targets[:1]
	doc := decodeSARIF(t, render(t, "sarif", r, Options{}))
	if len(doc.Runs) != 2 || doc.Runs[1].AutomationDetails.ID != "incloud/aws/"+fixtureAccountStaging+"/" {
		t.Fatalf("runs: %d, second %+v", len(doc.Runs), doc.Runs[len(doc.Runs)-1].AutomationDetails)
	}
	if len(doc.Runs[1].Results) != 3 {
		t.Errorf("staging run has %d results, want its 3 fails", len(doc.Runs[1].Results))
	}
}

// manyFails returns n fail results of one check on distinct buckets of the prod account.
func manyFails(check findings.Check, n int) []findings.Result {
	out := make([]findings.Result, n)
	for i := range out {
		id := fmt.Sprintf("arn:aws:s3:::%s-%06d", check.ID, i)
		out[i] = findings.Result{
			CheckID: check.ID, Title: check.Title, Status: findings.StatusFail, Severity: check.Severity,
			Area: check.Area, ServiceModel: check.ServiceModel, Provider: "aws", Account: fixtureAccountProd,
			Region: "us-east-1", ResourceID: id, ResourceType: check.ResourceType, Message: "bucket fails",
			Frameworks: check.Frameworks, Remediation: check.Remediation,
			Fingerprint: findings.Fingerprint(check.ID, "aws", fixtureAccountProd, "us-east-1", check.ResourceType, id),
		}
	}
	return out
}

func TestSARIFCapsResultsPerRun(t *testing.T) {
	r := fixtureReport()
	idx := r.CheckIndex()
	// 25,000 low-severity fails after 12 critical ones: the cap keeps the critical ones, and the
	// run's 3 errors (critical, high and medium checks) over the low fails.
	r.Results = append(manyFails(idx["aws-s3-mfa-delete"], sarifMaxResultsPerRun), r.Results...)
	r.Results = append(r.Results, manyFails(idx["aws-s3-public-acl-grants"], 12)...)
	var warnings []string
	var buf bytes.Buffer
	if err := Write("sarif", &buf, r, Options{Warn: func(m string) { warnings = append(warnings, m) }}); err != nil {
		t.Fatal(err)
	}
	doc := decodeSARIF(t, buf.Bytes())
	prod := doc.Runs[0]
	if len(prod.Results) != sarifMaxResultsPerRun {
		t.Fatalf("prod run has %d results, want the cap of %d", len(prod.Results), sarifMaxResultsPerRun)
	}
	critical, errs := 0, 0
	for _, res := range prod.Results {
		if res.RuleID == "aws-s3-public-acl-grants" {
			critical++
		}
		if res.Properties["incloud/status"] == "error" {
			errs++
		}
	}
	if critical != 14 || errs != 3 {
		t.Errorf("kept %d critical results and %d errors, want all 14 (13 fails, 1 error) and all 3", critical, errs)
	}
	if len(doc.Runs[1].Results) != 3 {
		t.Errorf("the staging run lost results: %d", len(doc.Runs[1].Results))
	}
	if len(warnings) != 1 {
		t.Fatalf("warnings = %q, want one", warnings)
	}
	// The prod run had 25,000 + 12 + its own 10 fails and 3 errors; the lowest-severity overflow
	// is dropped.
	for _, want := range []string{"incloud/aws/123456789012/", "25025 results", "dropped 25:", "aws-s3-mfa-delete (low): 24", "aws-ec2-owner-tag (info): 1"} {
		if !strings.Contains(warnings[0], want) {
			t.Errorf("warning %q lacks %q", warnings[0], want)
		}
	}
}

func TestSARIFDroppedWarningNamesEveryCheck(t *testing.T) {
	r := fixtureReport()
	var warnings []string
	log := buildSARIF(r, true, 3, func(m string) { warnings = append(warnings, m) })
	kept := func(log sarifLog) []string {
		var out []string
		for _, res := range log.Runs[0].Results {
			out = append(out, res.RuleID+" "+res.Properties.Severity+" "+res.Properties.Status)
		}
		return out
	}
	// A critical check that could not look outranks the high fails: left out, it would close
	// its alert just as a dropped fail would.
	want := []string{"aws-iam-root-mfa critical fail", "aws-s3-public-acl-grants critical fail", "aws-s3-public-acl-grants critical error"}
	if got := kept(log); !reflect.DeepEqual(got, want) {
		t.Errorf("kept %q, want %q", got, want)
	}
	// Both runs are over a cap of 3: prod (10 fails, 3 errors, 1 waived) and staging (3 fails, 1 waived).
	if len(warnings) != 2 || !strings.Contains(warnings[1], "incloud/aws/210987654321/") ||
		!strings.Contains(warnings[1], "aws-iam-user-key-rotation (medium, waived): 1") {
		t.Fatalf("warnings = %q", warnings)
	}
	for _, want := range []string{"incloud/aws/123456789012/", "14 results", "dropped 11:", "aws-s3-mfa-delete (low): 1", "aws-s3-mfa-delete (low, waived): 1",
		"aws-ec2-owner-tag (info): 1", "aws-cloudwatch-root-usage (low): 1", "aws-ec2-sg-admin-ports-ipv4 (high): 1",
		"aws-s3-block-public-access (high, error): 1", "aws-ebs-default-encryption (medium, error): 1"} {
		if !strings.Contains(warnings[0], want) {
			t.Errorf("warning %q lacks %q", warnings[0], want)
		}
	}
	// Within a severity a fail goes before an error: at 6 the high fails stay, the high error goes.
	warnings = nil
	log = buildSARIF(r, true, 6, func(m string) { warnings = append(warnings, m) })
	want = append(want, "aws-ec2-imdsv2 high fail", "aws-ec2-sg-admin-ports-ipv4 high fail", "aws-s3-block-public-access high fail")
	if got := kept(log); !reflect.DeepEqual(got, want) {
		t.Errorf("kept %q, want %q", got, want)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "aws-s3-block-public-access (high, error): 1") ||
		strings.Contains(warnings[0], "aws-s3-block-public-access (high): 1") {
		t.Errorf("warnings = %q", warnings)
	}
}

func TestSARIFRuleName(t *testing.T) {
	for id, want := range map[string]string{
		"aws-s3-block-public-access":  "AwsS3BlockPublicAccess",
		"aws-ec2-sg-admin-ports-ipv4": "AwsEc2SgAdminPortsIpv4",
		"gcp-storage-bucket-public":   "GcpStorageBucketPublic",
	} {
		if got := sarifRuleName(id); got != want {
			t.Errorf("sarifRuleName(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestSARIFWarnsOverGitHubRunLimit(t *testing.T) {
	r := fixtureReport()
	for i := 0; i < 20; i++ {
		r.Targets = append(r.Targets, findings.Target{Provider: "aws", Account: fmt.Sprintf("1000000000%02d", i), Complete: true})
	}
	var warnings []string
	doc := decodeSARIF(t, render(t, "sarif", r, Options{Warn: func(m string) { warnings = append(warnings, m) }}))
	if len(doc.Runs) != 22 {
		t.Fatalf("%d runs, want 22 (one per target)", len(doc.Runs))
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "22 runs") || !strings.Contains(warnings[0], "limit of 20") {
		t.Errorf("warnings = %q", warnings)
	}
	warnings = nil
	render(t, "sarif", fixtureReport(), Options{Warn: func(m string) { warnings = append(warnings, m) }})
	if len(warnings) != 0 {
		t.Errorf("the fixture (2 runs) gave warnings %q", warnings)
	}
}

// TestSARIFFleetTargets: an account that was not looked at has no run (a run of its category
// without results would close its open alerts in code scanning): one that could not be collected
// is an error notification in the first run giving the reason, a skipped one a note.
func TestSARIFFleetTargets(t *testing.T) {
	r := fixtureFleetReport()
	var warnings []string
	out := render(t, "sarif", r, Options{Warn: func(m string) { warnings = append(warnings, m) }})
	checkGolden(t, "report.fleet.sarif.golden", out)
	doc := decodeSARIF(t, out)
	var ids []string
	for _, run := range doc.Runs {
		ids = append(ids, run.AutomationDetails.ID)
	}
	want := []string{"incloud/aws/" + fixtureAccountProd + "/", "incloud/aws/" + fixtureAccountStaging + "/"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Fatalf("runs %v, want %v (no run for the uncollected or the skipped account)", ids, want)
	}
	for i, run := range doc.Runs {
		if !run.Invocations[0].ExecutionSuccessful {
			t.Errorf("run %s of a collected account is not successful", ids[i])
		}
	}
	if len(warnings) != 0 {
		t.Errorf("warnings %q, want none", warnings)
	}

	var errs []string
	for _, n := range doc.Runs[0].Invocations[0].ToolExecutionNotifications {
		if n.Level != "error" {
			continue
		}
		errs = append(errs, n.Message.Text)
		if n.Properties["incloud/account"] != fixtureAccountDenied || n.Properties["incloud/error"] != fixtureDeniedReason ||
			n.Properties["incloud/name"] != "payments-sandbox" {
			t.Errorf("uncollected account's notification properties %v", n.Properties)
		}
	}
	if len(errs) != 1 || !strings.Contains(errs[0], fixtureDeniedReason) || !strings.Contains(errs[0], "payments-sandbox") ||
		!strings.Contains(errs[0], "3 account-level results are errors") || !strings.Contains(errs[0], "incloud/aws/"+fixtureAccountDenied+"/") {
		t.Errorf("error notifications in the first run: %q", errs)
	}

	var notes []string
	for _, n := range doc.Runs[0].Invocations[0].ToolExecutionNotifications {
		if n.Level == "note" {
			notes = append(notes, n.Message.Text)
			if n.Properties["incloud/account"] != fixtureAccountSuspended || n.Properties["incloud/skipped"] != fixtureSuspendedReason {
				t.Errorf("skip note properties %v", n.Properties)
			}
		}
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "aws account "+fixtureAccountSuspended+" (old-marketing) was skipped: "+fixtureSuspendedReason) {
		t.Errorf("skip notes in the first run: %q", notes)
	}
	for _, run := range doc.Runs[1:] {
		for _, n := range run.Invocations[0].ToolExecutionNotifications {
			if strings.Contains(n.Message.Text, fixtureAccountSuspended) {
				t.Errorf("run %s repeats the skip note", run.AutomationDetails.ID)
			}
		}
	}

	// Only accounts not looked at: the one bare run carries the notes, does not claim
	// completeness, and is unsuccessful when an account could not be collected.
	only := decodeSARIF(t, render(t, "sarif", &findings.Report{Targets: []findings.Target{
		{Provider: "aws", Account: fixtureAccountSuspended, Skipped: fixtureSuspendedReason},
	}}, Options{}))
	if len(only.Runs) != 1 || only.Runs[0].AutomationDetails.ID != "incloud/" || only.Runs[0].Properties["incloud/complete"] != false ||
		!only.Runs[0].Invocations[0].ExecutionSuccessful || len(only.Runs[0].Invocations[0].ToolExecutionNotifications) != 1 {
		t.Errorf("report of one skipped account: %+v", only.Runs)
	}
	denied := decodeSARIF(t, render(t, "sarif", &findings.Report{Targets: []findings.Target{
		{Provider: "aws", Account: fixtureAccountDenied, Error: fixtureDeniedReason},
	}}, Options{}))
	if len(denied.Runs) != 1 || denied.Runs[0].AutomationDetails.ID != "incloud/" || denied.Runs[0].Invocations[0].ExecutionSuccessful ||
		len(denied.Runs[0].Invocations[0].ToolExecutionNotifications) != 1 || denied.Runs[0].Invocations[0].ToolExecutionNotifications[0].Level != "error" {
		t.Errorf("report of one uncollected account: %+v", denied.Runs)
	}
}
