package output

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/responsibility"
)

func init() { Register("sarif", writeSARIF) }

const (
	sarifVersion   = "2.1.0"
	sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// sarifToolName and sarifInformationURI describe the driver to code scanning.
	sarifToolName       = "incloud"
	sarifInformationURI = "https://github.com/incloud/incloud"
	// sarifMaxResultsPerRun is GitHub code scanning's limit on results in one run.
	sarifMaxResultsPerRun = 25000
	// sarifMaxRunsPerFile is GitHub code scanning's limit on runs in one uploaded file.
	sarifMaxRunsPerFile = 20
	// sarifMaxTags is how many tags a rule carries at most.
	sarifMaxTags = 10
	// sarifPrecision is the precision of every check: each one is a deterministic test of
	// collected configuration, not a heuristic.
	sarifPrecision = "very-high"
)

// The SARIF 2.1.0 subset incloud writes. Field order is output order; no maps except property
// bags and fingerprints, which encoding/json writes with sorted keys.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool              sarifTool              `json:"tool"`
		AutomationDetails sarifAutomationDetails `json:"automationDetails"`
		Invocations       []sarifInvocation      `json:"invocations"`
		Results           []sarifResult          `json:"results"`
		Properties        sarifRunProperties     `json:"properties"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string              `json:"id"`
		Name                 string              `json:"name"`
		ShortDescription     sarifText           `json:"shortDescription"`
		FullDescription      sarifText           `json:"fullDescription"`
		Help                 sarifHelp           `json:"help"`
		DefaultConfiguration sarifConfiguration  `json:"defaultConfiguration"`
		Properties           sarifRuleProperties `json:"properties"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifConfiguration struct {
		Level string `json:"level"`
	}
	sarifRuleProperties struct {
		Tags             []string `json:"tags"`
		Precision        string   `json:"precision"`
		SecuritySeverity string   `json:"security-severity"`
		ProblemSeverity  string   `json:"problem.severity"`
		Severity         string   `json:"incloud/severity"`
		Area             string   `json:"incloud/area"`
		ServiceModel     string   `json:"incloud/service_model"`
		ResourceType     string   `json:"incloud/resource_type"`
	}
	sarifAutomationDetails struct {
		ID string `json:"id"`
	}
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		EndTimeUTC                 string              `json:"endTimeUtc,omitempty"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level      string                       `json:"level"`
		Message    sarifText                    `json:"message"`
		Properties *sarifNotificationProperties `json:"properties,omitempty"`
	}
	// sarifNotificationProperties name the account a notification is about, when that is not
	// the run's own (a skipped account has no run).
	sarifNotificationProperties struct {
		Provider string `json:"incloud/provider"`
		Account  string `json:"incloud/account"`
		Name     string `json:"incloud/name,omitempty"`
		Error    string `json:"incloud/error,omitempty"`
		Skipped  string `json:"incloud/skipped,omitempty"`
	}
	sarifRunProperties struct {
		Provider    string `json:"incloud/provider"`
		Account     string `json:"incloud/account"`
		Name        string `json:"incloud/name,omitempty"`
		CollectedAt string `json:"incloud/collected_at,omitempty"`
		Complete    bool   `json:"incloud/complete"`
		// Error is why the account could not be collected (the run then has no results).
		Error string `json:"incloud/error,omitempty"`
	}
	sarifResult struct {
		RuleID              string                `json:"ruleId"`
		RuleIndex           int                   `json:"ruleIndex"`
		Level               string                `json:"level"`
		Message             sarifText             `json:"message"`
		Locations           []sarifLocation       `json:"locations"`
		PartialFingerprints sarifFingerprints     `json:"partialFingerprints"`
		Suppressions        []sarifSuppression    `json:"suppressions,omitempty"`
		Properties          sarifResultProperties `json:"properties"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysicalLocation  `json:"physicalLocation"`
		LogicalLocations []sarifLogicalLocation `json:"logicalLocations"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           sarifRegion           `json:"region"`
	}
	sarifArtifactLocation struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine int `json:"startLine"`
	}
	sarifLogicalLocation struct {
		Name               string `json:"name"`
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
	sarifFingerprints struct {
		PrimaryLocationLineHash string `json:"primaryLocationLineHash"`
	}
	sarifSuppression struct {
		Kind          string `json:"kind"`
		Status        string `json:"status"`
		Justification string `json:"justification"`
	}
	sarifResultProperties struct {
		Status       string `json:"incloud/status"`
		Severity     string `json:"incloud/severity"`
		Area         string `json:"incloud/area"`
		Region       string `json:"incloud/region"`
		ResourceType string `json:"incloud/resource_type"`
		ResourceID   string `json:"incloud/resource_id"`
	}
)

// sarifLevel maps a severity to a SARIF level: critical and high are errors, medium warnings,
// low and info notes.
func sarifLevel(s findings.Severity) string {
	switch s {
	case findings.SeverityCritical, findings.SeverityHigh:
		return "error"
	case findings.SeverityMedium:
		return "warning"
	}
	return "note"
}

// sarifSecuritySeverity maps a severity to GitHub's security-severity score (a numeric string:
// over 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low).
func sarifSecuritySeverity(s findings.Severity) string {
	switch s {
	case findings.SeverityCritical:
		return "9.5"
	case findings.SeverityHigh:
		return "8.0"
	case findings.SeverityMedium:
		return "5.5"
	case findings.SeverityLow:
		return "2.0"
	}
	return "0.0"
}

// sarifProblemSeverity maps a severity to the problem.severity code scanning uses for non-security
// display (error, warning, recommendation).
func sarifProblemSeverity(s findings.Severity) string {
	switch s {
	case findings.SeverityCritical, findings.SeverityHigh:
		return "error"
	case findings.SeverityMedium:
		return "warning"
	}
	return "recommendation"
}

// sarifRuleName turns a check id into CamelCase: aws-s3-block-public-access -> AwsS3BlockPublicAccess.
func sarifRuleName(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(c rune) bool { return c == '-' || c == '_' || c == '.' || c == ' ' }) {
		r, size := utf8.DecodeRuneInString(part)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(part[size:])
	}
	return b.String()
}

// sarifTags lists a check's tags: security, its area, its CIS controls, then its other framework
// controls and service model, at most sarifMaxTags of them, without duplicates.
func sarifTags(c findings.Check) []string {
	tags := []string{"security"}
	seen := map[string]bool{"security": true}
	add := func(t string) {
		if t != "" && !seen[t] && len(tags) < sarifMaxTags {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	add(c.Area)
	keys := make([]string, 0, len(c.Frameworks))
	for k := range c.Frameworks {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		ci, cj := strings.HasPrefix(keys[i], "cis-"), strings.HasPrefix(keys[j], "cis-")
		if ci != cj {
			return ci
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		for _, id := range c.Frameworks[k] {
			add(k + "/" + id)
		}
	}
	add(c.ServiceModel)
	return tags
}

// sarifHelpText returns a rule's help as plain text and as Markdown: the description, why the
// check is the customer's responsibility, the remediation and the framework controls.
func sarifHelpText(c findings.Check) (text, markdown string) {
	var t, md strings.Builder
	area := responsibility.AreaName(c.Area)
	model := c.ServiceModel
	if m, err := responsibility.LookupServiceModel(c.ServiceModel); err == nil {
		model = m.Name
	}
	t.WriteString(c.Description + "\n")
	fmt.Fprintf(&md, "**%s**\n\n%s\n", sarifMarkdownEscape(c.Title), sarifMarkdownEscape(c.Description))

	why := c.Rationale
	if why == "" {
		why = "This setting is configured by the customer, not the provider."
	}
	ctx := fmt.Sprintf("Responsibility area: %s. Service model: %s.", area, model)
	if m, err := responsibility.LookupServiceModel(c.ServiceModel); err == nil {
		ctx += fmt.Sprintf(" With %s the customer owns %s.", m.Name, m.CustomerOwns)
	}
	fmt.Fprintf(&t, "\nWhy this is yours: %s %s\n", why, ctx)
	fmt.Fprintf(&md, "\n## Why this is yours\n\n%s\n\n%s\n", sarifMarkdownEscape(why), sarifMarkdownEscape(ctx))

	if c.Remediation != "" {
		fmt.Fprintf(&t, "\nRemediation: %s\n", c.Remediation)
		fmt.Fprintf(&md, "\n## Remediation\n\n%s\n", sarifMarkdownEscape(c.Remediation))
	}
	keys := make([]string, 0, len(c.Frameworks))
	for k := range c.Frameworks {
		if len(c.Frameworks[k]) > 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if len(keys) > 0 {
		t.WriteString("\nFrameworks:\n")
		md.WriteString("\n## Frameworks\n\n")
		for _, k := range keys {
			ids := strings.Join(c.Frameworks[k], ", ")
			fmt.Fprintf(&t, "- %s: %s\n", k, ids)
			fmt.Fprintf(&md, "- %s: %s\n", sarifMarkdownEscape(k), sarifMarkdownEscape(ids))
		}
	}
	return strings.TrimRight(t.String(), "\n"), strings.TrimRight(md.String(), "\n")
}

// sarifMarkdownEscape keeps check metadata from being read as Markdown or HTML markup.
var sarifMarkdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "#", `\#`, "|", `\|`,
)

func sarifMarkdownEscape(s string) string { return sarifMarkdownEscaper.Replace(s) }

// sarifRuleFor builds the rule of a check.
func sarifRuleFor(c findings.Check) sarifRule {
	text, md := sarifHelpText(c)
	short := c.Title
	if short == "" {
		short = c.ID
	}
	full := c.Description
	if full == "" {
		full = short
	}
	return sarifRule{
		ID:                   c.ID,
		Name:                 sarifRuleName(c.ID),
		ShortDescription:     sarifText{Text: short},
		FullDescription:      sarifText{Text: full},
		Help:                 sarifHelp{Text: text, Markdown: md},
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(c.Severity)},
		Properties: sarifRuleProperties{
			Tags:             sarifTags(c),
			Precision:        sarifPrecision,
			SecuritySeverity: sarifSecuritySeverity(c.Severity),
			ProblemSeverity:  sarifProblemSeverity(c.Severity),
			Severity:         string(c.Severity),
			Area:             c.Area,
			ServiceModel:     c.ServiceModel,
			ResourceType:     c.ResourceType,
		},
	}
}

// sarifURISegment makes one path segment safe for a relative URI: letters, digits, '.', '-' and
// '_' stay, everything else (':', '*', '/', spaces, ...) becomes '_'. "." and ".." cannot be
// segments.
func sarifURISegment(s string) string {
	out := []byte(s)
	for i := 0; i < len(out); i++ {
		c := out[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			out[i] = '_'
		}
	}
	seg := string(out)
	switch seg {
	case "":
		return "_"
	case ".", "..":
		return strings.Repeat("_", len(seg))
	}
	return seg
}

// sarifArtifactURI derives the relative, scheme-less location of a result's resource:
// <provider>/<account>/<region>/<resource type>/<resource name or id>, where the last part is the
// short form of the resource's id (an ARN's resource part, its own '/' kept as path separators),
// not its display name, which need not be unique (two instances may share a Name tag) and may
// change; every segment is sanitised, so arn:aws:s3:::acme-logs in us-east-1 becomes
// aws/123456789012/us-east-1/aws_s3_bucket/acme-logs.
func sarifArtifactURI(r findings.Result) string {
	region := r.Region
	if region == "" {
		region = "global"
	}
	segs := []string{sarifURISegment(r.Provider), sarifURISegment(r.Account), sarifURISegment(region), sarifURISegment(r.ResourceType)}
	name := resourceShortName(r.ResourceID)
	var nameSegs []string
	for _, s := range strings.Split(name, "/") {
		if s != "" {
			nameSegs = append(nameSegs, sarifURISegment(s))
		}
	}
	if len(nameSegs) == 0 {
		nameSegs = []string{"_"}
	}
	return strings.Join(append(segs, nameSegs...), "/")
}

// sarifRunKey identifies the target account a run covers.
type sarifRunKey struct{ provider, account string }

// sarifAutomationID is the run's category for code scanning: one per provider account, so that
// uploads for one account never close another account's alerts.
func sarifAutomationID(k sarifRunKey) string {
	return "incloud/" + k.provider + "/" + k.account + "/"
}

// writeSARIF renders the report as SARIF 2.1.0 for GitHub code scanning: one run per target
// account, one rule per check, one result per fail and per error (and per waived result,
// suppressed, when opts.IncludeWaived), capped at sarifMaxResultsPerRun per run.
//
// An error result ("could not look") is a result too, because code scanning marks fixed every
// alert of a category that the newest upload of that category lacks: left out, an alert whose
// resource could not be checked this time would close as if the resource now passed. It has the
// location and fingerprint a fail of the same check on the same resource has, so it keeps that
// alert open, and the level of its rule, so that the alert neither looks less severe nor is the
// first GitHub leaves out of a large run; its message ("Could not check: <reason>") and its
// incloud/status property say that nothing was decided. An error without a resource (a failed
// listing of a type in a region) is a result at that type and region's location.
//
// An account that was not looked at is not a run: a run of its category without results would
// tell code scanning that the account's open alerts are fixed, when nobody checked (and it would
// count toward GitHub's limit of runs per file). Without a run, that category's last analysis
// stands and its alerts stay open. An account that could not be collected (Target.Error) is an
// error-level notification in the first run, naming it and why; one skipped on purpose
// (Target.Skipped) a note-level one. When no account has a run, the one bare run (category
// "incloud/") carries them, unsuccessful if any account could not be collected.
func writeSARIF(w io.Writer, r *findings.Report, opts Options) error {
	warn := opts.Warn
	if warn == nil {
		warn = func(string) {}
	}
	log := buildSARIF(r, opts.IncludeWaived, sarifMaxResultsPerRun, warn)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("encode sarif: %w", err)
	}
	return nil
}

// buildSARIF assembles the SARIF log; limit is the per-run result cap.
func buildSARIF(r *findings.Report, includeWaived bool, limit int, warn func(string)) sarifLog {
	version := r.Tool.Version
	if version == "" {
		version = "dev"
	}
	var endTime string
	if !r.GeneratedAt.IsZero() {
		endTime = r.GeneratedAt.UTC().Format(time.RFC3339Nano)
	}

	// Runs: one per target in report order, then any account that has results but no target.
	var keys []sarifRunKey
	targets := map[sarifRunKey]findings.Target{}
	var skipped, uncollected []findings.Target
	for _, t := range r.Targets {
		k := sarifRunKey{t.Provider, t.Account}
		if _, dup := targets[k]; !dup {
			targets[k] = t
			keys = append(keys, k)
		}
	}
	selected := map[sarifRunKey][]findings.Result{}
	// errored holds each run's error results; errorsByRun counts them per check.
	errored := map[sarifRunKey][]findings.Result{}
	errorsByRun := map[sarifRunKey]map[string]int{}
	var extra []sarifRunKey
	for _, res := range r.Results {
		k := sarifRunKey{res.Provider, res.Account}
		if _, ok := targets[k]; !ok {
			if _, seen := selected[k]; !seen {
				extra = append(extra, k)
			}
		}
		if _, ok := selected[k]; !ok {
			selected[k] = nil
		}
		switch {
		case res.Status == findings.StatusFail, res.Status == findings.StatusWaived && includeWaived:
			selected[k] = append(selected[k], res)
		case res.Status == findings.StatusError:
			errored[k] = append(errored[k], res)
			if errorsByRun[k] == nil {
				errorsByRun[k] = map[string]int{}
			}
			errorsByRun[k][res.CheckID]++
		}
	}
	sort.Slice(extra, func(i, j int) bool {
		if extra[i].provider != extra[j].provider {
			return extra[i].provider < extra[j].provider
		}
		return extra[i].account < extra[j].account
	})
	for _, k := range extra {
		if _, ok := targets[k]; !ok {
			targets[k] = findings.Target{Provider: k.provider, Account: k.account, Complete: true}
			keys = append(keys, k)
		}
	}

	log := sarifLog{Schema: sarifSchemaURI, Version: sarifVersion, Runs: []sarifRun{}}
	for _, k := range keys {
		t := targets[k]
		if _, hasResults := selected[k]; t.Error == "" && t.Skipped != "" && !hasResults {
			skipped = append(skipped, t)
			continue
		}
		if t.Error != "" && len(selected[k]) == 0 {
			// Not a run, so neither are its (account-level) error results: the notification
			// counts them.
			uncollected = append(uncollected, t)
			continue
		}
		results := slices.Concat(selected[k], errored[k])
		slices.SortStableFunc(results, sarifCompare)
		if len(results) > limit {
			warn(sarifDroppedWarning(k, results[limit:], limit))
			results = results[:limit]
		}

		// Rules: every reported check of this provider, in report (id) order, plus any check that
		// has results here but no metadata.
		var rules []sarifRule
		ruleIndex := map[string]int{}
		for _, c := range r.Checks {
			if c.Provider != "" && c.Provider != k.provider {
				continue
			}
			if _, dup := ruleIndex[c.ID]; dup {
				continue
			}
			ruleIndex[c.ID] = len(rules)
			rules = append(rules, sarifRuleFor(c))
		}
		for _, res := range results {
			if _, ok := ruleIndex[res.CheckID]; !ok {
				ruleIndex[res.CheckID] = len(rules)
				rules = append(rules, sarifRuleFor(findings.Check{
					ID: res.CheckID, Title: res.Title, Severity: res.Severity, Area: res.Area,
					ServiceModel: res.ServiceModel, Provider: res.Provider, ResourceType: res.ResourceType,
					Frameworks: res.Frameworks, Remediation: res.Remediation,
				}))
			}
		}
		if rules == nil {
			rules = []sarifRule{}
		}

		out := make([]sarifResult, 0, len(results))
		for _, res := range results {
			out = append(out, sarifResultFor(res, ruleIndex[res.CheckID]))
		}

		inv := sarifInvocation{ExecutionSuccessful: true, EndTimeUTC: endTime}
		switch n := errorsByRun[k]; {
		case len(n) > 0 || !t.Complete:
			inv.ToolExecutionNotifications = []sarifNotification{{
				Level:   "warning",
				Message: sarifText{Text: sarifIncompleteMessage(t, n)},
			}}
		}
		var collected string
		if !t.CollectedAt.IsZero() {
			collected = t.CollectedAt.UTC().Format(time.RFC3339Nano)
		}
		log.Runs = append(log.Runs, sarifRun{
			Tool: sarifTool{Driver: sarifDriver{
				Name: sarifToolName, Version: version, InformationURI: sarifInformationURI, Rules: rules,
			}},
			AutomationDetails: sarifAutomationDetails{ID: sarifAutomationID(k)},
			Invocations:       []sarifInvocation{inv},
			Results:           out,
			Properties: sarifRunProperties{Provider: k.provider, Account: k.account, Name: t.Name,
				CollectedAt: collected, Complete: t.Complete, Error: t.Error},
		})
	}
	if len(log.Runs) > sarifMaxRunsPerFile {
		warn(fmt.Sprintf("sarif: %d runs (one per account), over GitHub code scanning's limit of %d per file: upload accounts in separate files (evaluate fewer snapshots at a time)",
			len(log.Runs), sarifMaxRunsPerFile))
	}
	if len(log.Runs) == 0 {
		// A report without targets or results still gets a (empty) run, so that an upload
		// records that incloud ran.
		log.Runs = append(log.Runs, sarifRun{
			Tool: sarifTool{Driver: sarifDriver{
				Name: sarifToolName, Version: version, InformationURI: sarifInformationURI, Rules: []sarifRule{},
			}},
			AutomationDetails: sarifAutomationDetails{ID: "incloud/"},
			Invocations:       []sarifInvocation{{ExecutionSuccessful: len(uncollected) == 0, EndTimeUTC: endTime}},
			Results:           []sarifResult{},
			Properties:        sarifRunProperties{Complete: len(skipped)+len(uncollected) == 0},
		})
	}
	inv := &log.Runs[0].Invocations[0]
	for _, t := range uncollected {
		k := sarifRunKey{t.Provider, t.Account}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level:   "error",
			Message: sarifText{Text: sarifNotCollectedMessage(t, errorsByRun[k])},
			Properties: &sarifNotificationProperties{
				Provider: t.Provider, Account: t.Account, Name: t.Name, Error: t.Error,
			},
		})
	}
	for _, t := range skipped {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level:   "note",
			Message: sarifText{Text: fmt.Sprintf("%s was skipped: %s. It was not collected and has no results.", sarifAccountName(t), t.Skipped)},
			Properties: &sarifNotificationProperties{
				Provider: t.Provider, Account: t.Account, Name: t.Name, Skipped: t.Skipped,
			},
		})
	}
	return log
}

// sarifResultFor builds the result of a fail, waived or error result. Its location and
// fingerprint depend only on the check and the resource, never on the status, so that code
// scanning matches an error to the alert a fail of the same check on the same resource opened.
func sarifResultFor(res findings.Result, ruleIndex int) sarifResult {
	msg := res.Message
	if msg == "" {
		msg = res.Title
	}
	if msg == "" {
		msg = res.CheckID + " failed on " + res.ResourceID
	}
	if res.Status == findings.StatusError {
		msg = sarifErrorMessage(res)
	}
	logical := sarifLogicalLocation{Name: res.ResourceName, FullyQualifiedName: res.ResourceID, Kind: "resource"}
	if logical.Name == "" {
		logical.Name = resourceShortName(res.ResourceID)
	}
	if res.ResourceID == "" {
		// A failed listing: the type in the region, not one resource.
		region := res.Region
		if region == "" {
			region = "global"
		}
		logical = sarifLogicalLocation{Name: res.ResourceType, Kind: "type",
			FullyQualifiedName: res.Provider + "/" + res.Account + "/" + region + "/" + res.ResourceType}
	}
	fp := res.Fingerprint
	if fp == "" {
		fp = findings.Fingerprint(res.CheckID, res.Provider, res.Account, res.Region, res.ResourceType, res.ResourceID)
	}
	out := sarifResult{
		RuleID:    res.CheckID,
		RuleIndex: ruleIndex,
		Level:     sarifLevel(res.Severity),
		Message:   sarifText{Text: msg},
		Locations: []sarifLocation{{
			PhysicalLocation: sarifPhysicalLocation{
				ArtifactLocation: sarifArtifactLocation{URI: sarifArtifactURI(res)},
				Region:           sarifRegion{StartLine: 1},
			},
			LogicalLocations: []sarifLogicalLocation{logical},
		}},
		PartialFingerprints: sarifFingerprints{PrimaryLocationLineHash: fp},
		Properties: sarifResultProperties{
			Status: string(res.Status), Severity: string(res.Severity), Area: res.Area,
			Region: res.Region, ResourceType: res.ResourceType, ResourceID: res.ResourceID,
		},
	}
	if res.Status == findings.StatusWaived {
		just := "waived"
		if res.Waiver != nil {
			just = res.Waiver.Reason
			var extra []string
			if res.Waiver.Owner != "" {
				extra = append(extra, "owner "+res.Waiver.Owner)
			}
			if res.Waiver.Expires != "" {
				extra = append(extra, "expires "+res.Waiver.Expires)
			}
			if len(extra) > 0 {
				just += " (" + strings.Join(extra, ", ") + ")"
			}
		}
		out.Suppressions = []sarifSuppression{{Kind: "external", Status: "accepted", Justification: just}}
	}
	return out
}

// sarifCompare orders a run's results, and so decides which ones the cap keeps: fails and errors
// worst severity first, a fail before an error of the same severity, then waived results. Left
// out of an upload, an error closes its alert just as a fail does, so what it costs to drop one
// is its check's severity: a critical check that could not be looked at outranks a low fail.
// Within a severity a confirmed problem goes first.
func sarifCompare(a, b findings.Result) int {
	if c := cmp.Compare(sarifWaivedRank(a), sarifWaivedRank(b)); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Severity.Rank(), a.Severity.Rank()); c != 0 {
		return c
	}
	return findings.Compare(a, b)
}

func sarifWaivedRank(r findings.Result) int {
	if r.Status == findings.StatusWaived {
		return 1
	}
	return 0
}

// sarifErrorReasonPrefixes are how the engine starts the message of an error result; the SARIF
// message says "Could not check" once.
var sarifErrorReasonPrefixes = []string{"could not check: ", "could not evaluate: "}

// sarifErrorMessage is the message of an error result: "Could not check: <reason>".
func sarifErrorMessage(res findings.Result) string {
	reason := res.Message
	for _, p := range sarifErrorReasonPrefixes {
		if len(reason) >= len(p) && strings.EqualFold(reason[:len(p)], p) {
			reason = reason[len(p):]
			break
		}
	}
	if strings.TrimSpace(reason) == "" {
		reason = "no reason was recorded"
	}
	return "Could not check: " + reason
}

// sarifDroppedWarning names how many results of which checks were left out of a run, errors and
// waived results apart from fails.
func sarifDroppedWarning(k sarifRunKey, dropped []findings.Result, limit int) string {
	type key struct {
		check  string
		status findings.Status
	}
	type count struct {
		key
		sev findings.Severity
		n   int
	}
	idx := map[key]int{}
	var counts []count
	for _, res := range dropped {
		kk := key{res.CheckID, res.Status}
		i, ok := idx[kk]
		if !ok {
			i = len(counts)
			idx[kk] = i
			counts = append(counts, count{key: kk, sev: res.Severity})
		}
		counts[i].n++
	}
	sort.SliceStable(counts, func(i, j int) bool {
		if counts[i].n != counts[j].n {
			return counts[i].n > counts[j].n
		}
		if counts[i].check != counts[j].check {
			return counts[i].check < counts[j].check
		}
		return counts[i].status < counts[j].status
	})
	parts := make([]string, len(counts))
	for i, c := range counts {
		label := string(c.sev)
		if c.status != findings.StatusFail {
			label += ", " + string(c.status)
		}
		parts[i] = fmt.Sprintf("%s (%s): %d", c.check, label, c.n)
	}
	return fmt.Sprintf("sarif: run %s has %d results, over GitHub's limit of %d per run; kept the worst (a fail before an error of the same severity, waived results last) and dropped %d: %s",
		sarifAutomationID(k), limit+len(dropped), limit, len(dropped), strings.Join(parts, ", "))
}

// sarifAccountName names a target's account in messages: "aws account 123456789012
// (prod-payments)".
func sarifAccountName(t findings.Target) string {
	s := t.Provider + " account " + t.Account
	if t.Name != "" {
		s += " (" + t.Name + ")"
	}
	return s
}

// sarifNotCollectedMessage says that a target could not be collected, why, and what became of
// its checks.
func sarifNotCollectedMessage(t findings.Target, errs map[string]int) string {
	msg := fmt.Sprintf("The %s could not be collected: %s. None of its resources were checked, so this file has no run for it (category %s): its alerts from earlier uploads stay as they were.",
		sarifAccountName(t), t.Error, sarifAutomationID(sarifRunKey{t.Provider, t.Account}))
	total := 0
	for _, n := range errs {
		total += n
	}
	if total > 0 {
		msg += fmt.Sprintf(" Its %d account-level results are errors (status error, not reported as alerts), not passes.", total)
	}
	return msg
}

// sarifIncompleteMessage says which parts of a target were not checked.
func sarifIncompleteMessage(t findings.Target, errs map[string]int) string {
	var b strings.Builder
	if !t.Complete {
		fmt.Fprintf(&b, "The snapshot of %s account %s is incomplete: some resources could not be collected and were not checked.", t.Provider, t.Account)
	}
	if len(errs) > 0 {
		ids := make([]string, 0, len(errs))
		total := 0
		for id, n := range errs {
			ids = append(ids, fmt.Sprintf("%s (%d)", id, n))
			total += n
		}
		sort.Strings(ids)
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		noun, pron := "results", "They are results"
		if total == 1 {
			noun, pron = "result", "It is a result"
		}
		fmt.Fprintf(&b, "%d %s could not be evaluated: %s. %s with the message \"Could not check: <reason>\" and incloud/status error, so that code scanning keeps the alert of its check and resource open instead of closing it as fixed.", total, noun, strings.Join(ids, ", "), pron)
	}
	return b.String()
}
