package output

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/responsibility"
)

func init() { Register("html", writeHTML) }

var (
	//go:embed html/report.tmpl
	htmlTemplateText string
	//go:embed html/report.css
	htmlCSS string
	//go:embed html/report.js
	htmlJS string

	htmlTemplates = template.Must(template.New("report").Funcs(template.FuncMap{
		"plural": tablePlural,
	}).Parse(htmlTemplateText))
)

// htmlPageSize is how many findings the table shows per page.
const htmlPageSize = 200

// The page model: everything the server-side part of the report shows (it works without
// JavaScript); the findings themselves travel as compact JSON and are rendered by the script.
type (
	htmlPage struct {
		Title       string
		Tool        findings.Tool
		GeneratedAt string
		Targets     []htmlTarget
		Incomplete  int
		// Fleet is set when the report covers more than one account, or one that could not be
		// collected or was skipped: the page then counts the accounts by state.
		Fleet    bool
		Accounts findings.TargetCounts
		// Failed are the accounts that could not be collected; Names whether any account has a
		// name (the targets table then has a Name column).
		Failed     []htmlTarget
		Names      bool
		Total      int
		Counts     []htmlCount
		Statuses   []findings.Status
		Severities []findings.Severity
		Areas      []htmlAreaRow
		AreaTotal  htmlAreaRow
		Models     []htmlModelRow
		Coverage   []htmlCause
		CoverageN  int
		Warnings   []string
		Compliance []findings.ComplianceFramework
		Skipped    []findings.SkippedCheck
		PageSize   int
		CSS        template.CSS
		JS         template.JS
	}
	htmlTarget struct {
		Provider, Account, Name, CollectedAt string
		Complete                             bool
		// Error is why the account could not be collected, Skipped why it was left out.
		Error, Skipped string
	}
	htmlCount struct {
		Status findings.Status
		Label  string
		Symbol string
		N      int
	}
	htmlAreaRow struct {
		ID, Name, Explanation string
		ByStatus              []htmlCell
		BySeverity            []htmlCell
		Total                 int
	}
	// htmlCell is one clickable count: the filters it sets are its non-empty fields.
	htmlCell struct {
		Area     string
		Status   findings.Status
		Severity findings.Severity
		Model    string
		N        int
		Label    string
	}
	htmlModelRow struct {
		ID, Name, CustomerOwns, ProviderOwns string
		Resources, Checks                    int
		ByStatus                             []htmlCell
	}
	htmlCause struct {
		Label     string
		Operation string
		Code      string
		Results   int
		Resources int
		Checks    []string
		Accounts  []string
		Regions   []string
		Example   string
	}
)

// htmlStatusSymbols give each status a symbol so that meaning never rests on colour alone.
var htmlStatusSymbols = map[findings.Status]string{
	findings.StatusFail: "✗", findings.StatusError: "!", findings.StatusWaived: "~", findings.StatusPass: "✓",
}

// writeHTML renders one self-contained HTML page (inline CSS and JavaScript, nothing loaded from
// the network): targets, counts, the responsibility matrix, the service-model view and the
// coverage gaps are rendered here and work without JavaScript; the findings table is rendered by
// the page's script, a page at a time, from the results embedded as compact JSON.
func writeHTML(w io.Writer, r *findings.Report, _ Options) error {
	results := append([]findings.Result(nil), r.Results...)
	findings.Sort(results)
	page := buildHTMLPage(r, results)
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := htmlTemplates.ExecuteTemplate(bw, "head", page); err != nil {
		return fmt.Errorf("render html summary: %w", err)
	}
	bw.WriteString(`<script type="application/json" id="incloud-data">`)
	bw.Write(htmlData(r, results))
	bw.WriteString("</script>\n")
	if err := htmlTemplates.ExecuteTemplate(bw, "tail", page); err != nil {
		return fmt.Errorf("render html script: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

func htmlTime(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// buildHTMLPage computes the server-side parts of the report from the sorted results.
func buildHTMLPage(r *findings.Report, results []findings.Result) htmlPage {
	p := htmlPage{
		Title:       "incloud report",
		Tool:        r.Tool,
		GeneratedAt: htmlTime(r.GeneratedAt),
		Total:       len(results),
		Statuses:    findings.Statuses,
		Severities:  findings.Severities,
		Warnings:    r.Warnings,
		Compliance:  r.Compliance,
		Skipped:     r.Skipped,
		PageSize:    htmlPageSize,
		CSS:         template.CSS(htmlCSS),
		JS:          template.JS(htmlJS),
	}
	if p.Tool.Name == "" {
		p.Tool.Name = "incloud"
	}
	p.Fleet = findings.Fleet(r.Targets)
	p.Accounts = findings.CountTargets(r.Targets)
	for _, t := range r.Targets {
		ht := htmlTarget{Provider: t.Provider, Account: t.Account, Name: t.Name, CollectedAt: htmlTime(t.CollectedAt),
			Complete: t.Complete, Error: t.Error, Skipped: t.Skipped}
		if !t.Collected() {
			ht.CollectedAt = "not collected"
		}
		p.Targets = append(p.Targets, ht)
		p.Names = p.Names || t.Name != ""
		switch {
		case t.Error != "":
			p.Failed = append(p.Failed, ht)
		case t.Skipped == "" && !t.Complete:
			p.Incomplete++
		}
	}

	byStatus := map[findings.Status]int{}
	areaStatus := map[string]map[findings.Status]int{}
	areaSeverity := map[string]map[findings.Severity]int{}
	for _, res := range results {
		byStatus[res.Status]++
		if areaStatus[res.Area] == nil {
			areaStatus[res.Area] = map[findings.Status]int{}
			areaSeverity[res.Area] = map[findings.Severity]int{}
		}
		areaStatus[res.Area][res.Status]++
		if res.Status == findings.StatusFail {
			areaSeverity[res.Area][res.Severity]++
		}
	}
	for _, st := range findings.Statuses {
		p.Counts = append(p.Counts, htmlCount{Status: st, Label: string(st), Symbol: htmlStatusSymbols[st], N: byStatus[st]})
	}

	// Matrix rows: the five customer areas, then any other area the results name.
	areas := append([]responsibility.Area(nil), responsibility.Areas...)
	known := map[string]bool{}
	for _, a := range areas {
		known[a.ID] = true
	}
	for _, id := range unknownKeys(known, areaStatus) {
		name := id
		if name == "" {
			name = "(no area)"
		}
		areas = append(areas, responsibility.Area{ID: id, Name: name, Explanation: "Checks that name no known customer responsibility area."})
	}
	total := htmlAreaRow{ID: "", Name: "All areas"}
	totalSev := map[findings.Severity]int{}
	for _, a := range areas {
		row := htmlAreaRow{ID: a.ID, Name: a.Name, Explanation: a.Explanation}
		for _, st := range findings.Statuses {
			n := areaStatus[a.ID][st]
			row.ByStatus = append(row.ByStatus, htmlCell{Area: a.ID, Status: st, N: n,
				Label: fmt.Sprintf("%s: %s %s", a.Name, tablePlural(n, "result"), st)})
			row.Total += n
		}
		for _, sev := range findings.Severities {
			n := areaSeverity[a.ID][sev]
			totalSev[sev] += n
			row.BySeverity = append(row.BySeverity, htmlCell{Area: a.ID, Status: findings.StatusFail, Severity: sev, N: n,
				Label: fmt.Sprintf("%s: %s of %s severity", a.Name, tablePlural(n, "failure"), sev)})
		}
		p.Areas = append(p.Areas, row)
		total.Total += row.Total
	}
	for _, st := range findings.Statuses {
		total.ByStatus = append(total.ByStatus, htmlCell{Status: st, N: byStatus[st],
			Label: fmt.Sprintf("All areas: %s %s", tablePlural(byStatus[st], "result"), st)})
	}
	for _, sev := range findings.Severities {
		total.BySeverity = append(total.BySeverity, htmlCell{Status: findings.StatusFail, Severity: sev, N: totalSev[sev],
			Label: fmt.Sprintf("All areas: %s of %s severity", tablePlural(totalSev[sev], "failure"), sev)})
	}
	p.AreaTotal = total
	p.Models = htmlModels(results)
	p.Coverage = htmlCoverage(results)
	p.CoverageN = byStatus[findings.StatusError]
	return p
}

// htmlModels counts, per service model, the resources found, the checks run on them and their
// results by status.
func htmlModels(results []findings.Result) []htmlModelRow {
	type acc struct {
		resources, checks map[string]bool
		status            map[findings.Status]int
	}
	by := map[string]*acc{}
	for _, res := range results {
		a := by[res.ServiceModel]
		if a == nil {
			a = &acc{resources: map[string]bool{}, checks: map[string]bool{}, status: map[findings.Status]int{}}
			by[res.ServiceModel] = a
		}
		if res.ResourceID != "" {
			a.resources[res.Provider+"\x00"+res.Account+"\x00"+res.ResourceType+"\x00"+res.ResourceID] = true
		}
		a.checks[res.CheckID] = true
		a.status[res.Status]++
	}
	models := append([]responsibility.ServiceModel(nil), responsibility.ServiceModels...)
	known := map[string]bool{}
	for _, m := range models {
		known[m.ID] = true
	}
	for _, id := range unknownKeys(known, by) {
		name := id
		if name == "" {
			name = "(no service model)"
		}
		models = append(models, responsibility.ServiceModel{ID: id, Name: name, CustomerOwns: "unknown", ProviderOwns: "unknown"})
	}
	var rows []htmlModelRow
	for _, m := range models {
		row := htmlModelRow{ID: m.ID, Name: m.Name, CustomerOwns: m.CustomerOwns, ProviderOwns: m.ProviderOwns}
		a := by[m.ID]
		if a != nil {
			row.Resources, row.Checks = len(a.resources), len(a.checks)
		}
		for _, st := range findings.Statuses {
			n := 0
			if a != nil {
				n = a.status[st]
			}
			row.ByStatus = append(row.ByStatus, htmlCell{Model: m.ID, Status: st, N: n,
				Label: fmt.Sprintf("%s: %s %s", m.Name, tablePlural(n, "result"), st)})
		}
		rows = append(rows, row)
	}
	return rows
}

var (
	// htmlOperationRe finds the failed API call in an error message: "s3:GetBucketAcl failed".
	htmlOperationRe = regexp.MustCompile(`\b([a-z][a-z0-9-]*:[A-Z][A-Za-z0-9]+) failed`)
	// htmlCodeRe finds the error code after it, before any "; " that starts another error:
	// "... failed for aws_s3_bucket arn:... in eu-west-1: AccessDenied: ...".
	htmlCodeRe = regexp.MustCompile(`^[^;]*?: ([A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*)(?::|;|$|\s)`)
)

// htmlErrorCause reads the failed operation and the error code from an error result's message;
// both are empty when the message names no failed call.
func htmlErrorCause(msg string) (operation, code string) {
	m := htmlOperationRe.FindStringSubmatchIndex(msg)
	if m == nil {
		return "", ""
	}
	operation = msg[m[2]:m[3]]
	if c := htmlCodeRe.FindStringSubmatch(msg[m[1]:]); c != nil {
		code = c[1]
	}
	return operation, code
}

// htmlCoverage groups the error results by cause: the error code and failed operation when the
// message names them ("AccessDenied on s3:GetBucketPolicy"), the message itself otherwise.
func htmlCoverage(results []findings.Result) []htmlCause {
	type acc struct {
		cause                       *htmlCause
		resources, checks, accounts map[string]bool
		regions                     map[string]bool
	}
	by := map[string]*acc{}
	var order []string
	for _, res := range results {
		if res.Status != findings.StatusError {
			continue
		}
		op, code := htmlErrorCause(res.Message)
		var label string
		switch {
		case op != "" && code != "":
			label = code + " on " + op
		case op != "":
			label = op + " failed"
		default:
			label = res.Message
		}
		a := by[label]
		if a == nil {
			a = &acc{cause: &htmlCause{Label: label, Operation: op, Code: code, Example: res.Message},
				resources: map[string]bool{}, checks: map[string]bool{}, accounts: map[string]bool{}, regions: map[string]bool{}}
			by[label] = a
			order = append(order, label)
		}
		a.cause.Results++
		a.resources[res.Account+"\x00"+res.ResourceType+"\x00"+res.ResourceID] = true
		a.checks[res.CheckID] = true
		a.accounts[res.Account] = true
		if res.Region != "" {
			a.regions[res.Region] = true
		}
	}
	keys := func(m map[string]bool) []string {
		out := make([]string, 0, len(m))
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	causes := make([]htmlCause, 0, len(order))
	for _, label := range order {
		a := by[label]
		c := *a.cause
		c.Resources = len(a.resources)
		c.Checks, c.Accounts, c.Regions = keys(a.checks), keys(a.accounts), keys(a.regions)
		causes = append(causes, c)
	}
	sort.SliceStable(causes, func(i, j int) bool {
		if causes[i].Resources != causes[j].Resources {
			return causes[i].Resources > causes[j].Resources
		}
		return causes[i].Label < causes[j].Label
	})
	return causes
}

// htmlCheckKey identifies one variant of a check's metadata as the results carry it.
type htmlCheckKey struct {
	id, title, severity, area, model, resourceType, remediation, frameworks string
}

// htmlData encodes the findings for the page's script as compact JSON, every text stored once:
//
//	{"page": 200, "statuses": [...], "checks": [[id, title, description, rationale, remediation,
//	  severity, area, service model, service, resource type, [[framework, control], ...]], ...],
//	 "accounts": [...], "regions": [...], "waivers": [[reason, owner, expires], ...],
//	 "results": [[check, status, account, region, resource id, resource name, message or 0 when it
//	  is the check's title, fingerprint, waiver or -1], ...]}
//
// Numbers in results index the other arrays. Strings escape <, >, & (and U+2028/U+2029) as
// \u escapes, so no "</script>" or "<!--" can appear in the page's script element.
func htmlData(r *findings.Report, results []findings.Result) []byte {
	meta := r.CheckIndex()
	b := make([]byte, 0, 256+len(results)*200)
	b = append(b, `{"page":`...)
	b = strconv.AppendInt(b, htmlPageSize, 10)
	b = append(b, `,"statuses":[`...)
	for i, st := range findings.Statuses {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, string(st))
	}
	b = append(b, `],"severities":[`...)
	for i, sev := range findings.Severities {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, string(sev))
	}
	b = append(b, `],"areas":[`...)
	for i, a := range responsibility.Areas {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, a.ID)
		b = append(b, ',')
		b = appendJSONString(b, a.Name)
		b = append(b, ']')
	}
	b = append(b, `],"models":[`...)
	for i, m := range responsibility.ServiceModels {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, m.ID)
		b = append(b, ',')
		b = appendJSONString(b, m.Name)
		b = append(b, ']')
	}
	b = append(b, ']')

	statusIdx := map[findings.Status]int{}
	for i, st := range findings.Statuses {
		statusIdx[st] = i
	}
	checkIdx := map[htmlCheckKey]int{}
	var checks []byte
	accounts, regions := map[string]int{}, map[string]int{}
	var accountList, regionList []string
	intern := func(m map[string]int, list *[]string, s string) int {
		i, ok := m[s]
		if !ok {
			i = len(*list)
			m[s] = i
			*list = append(*list, s)
		}
		return i
	}
	var waivers []byte
	nWaivers := 0

	rows := make([]byte, 0, len(results)*200)
	for n, res := range results {
		fw := frameworkList(res.Frameworks)
		key := htmlCheckKey{res.CheckID, res.Title, string(res.Severity), res.Area, res.ServiceModel, res.ResourceType, res.Remediation, fw}
		ci, ok := checkIdx[key]
		if !ok {
			ci = len(checkIdx)
			checkIdx[key] = ci
			c := meta[res.CheckID]
			service := c.Service
			if service == "" {
				service = htmlServiceOf(res.CheckID)
			}
			if len(checks) > 0 {
				checks = append(checks, ',')
			}
			checks = append(checks, '[')
			for i, s := range []string{res.CheckID, res.Title, c.Description, c.Rationale, res.Remediation,
				string(res.Severity), res.Area, res.ServiceModel, service, res.ResourceType} {
				if i > 0 {
					checks = append(checks, ',')
				}
				checks = appendJSONString(checks, s)
			}
			checks = append(checks, ",["...)
			fwKeys := make([]string, 0, len(res.Frameworks))
			for k := range res.Frameworks {
				fwKeys = append(fwKeys, k)
			}
			sort.Strings(fwKeys)
			first := true
			for _, k := range fwKeys {
				for _, id := range res.Frameworks[k] {
					if !first {
						checks = append(checks, ',')
					}
					first = false
					checks = append(checks, '[')
					checks = appendJSONString(checks, k)
					checks = append(checks, ',')
					checks = appendJSONString(checks, id)
					checks = append(checks, ']')
				}
			}
			checks = append(checks, "]]"...)
		}
		wi := -1
		if res.Waiver != nil {
			wi = nWaivers
			nWaivers++
			if len(waivers) > 0 {
				waivers = append(waivers, ',')
			}
			waivers = append(waivers, '[')
			waivers = appendJSONString(waivers, res.Waiver.Reason)
			waivers = append(waivers, ',')
			waivers = appendJSONString(waivers, res.Waiver.Owner)
			waivers = append(waivers, ',')
			waivers = appendJSONString(waivers, res.Waiver.Expires)
			waivers = append(waivers, ']')
		}
		if n > 0 {
			rows = append(rows, ',')
		}
		rows = append(rows, '[')
		rows = strconv.AppendInt(rows, int64(ci), 10)
		rows = append(rows, ',')
		if si, ok := statusIdx[res.Status]; ok {
			rows = strconv.AppendInt(rows, int64(si), 10)
		} else {
			rows = appendJSONString(rows, string(res.Status))
		}
		rows = append(rows, ',')
		rows = strconv.AppendInt(rows, int64(intern(accounts, &accountList, res.Account)), 10)
		rows = append(rows, ',')
		rows = strconv.AppendInt(rows, int64(intern(regions, &regionList, res.Region)), 10)
		rows = append(rows, ',')
		rows = appendJSONString(rows, res.ResourceID)
		rows = append(rows, ',')
		rows = appendJSONString(rows, res.ResourceName)
		rows = append(rows, ',')
		if res.Message == res.Title {
			rows = append(rows, '0')
		} else {
			rows = appendJSONString(rows, res.Message)
		}
		rows = append(rows, ',')
		rows = appendJSONString(rows, res.Fingerprint)
		rows = append(rows, ',')
		rows = strconv.AppendInt(rows, int64(wi), 10)
		rows = append(rows, ']')
	}
	b = append(b, `,"checks":[`...)
	b = append(b, checks...)
	b = append(b, `],"accounts":[`...)
	for i, s := range accountList {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	b = append(b, `],"regions":[`...)
	for i, s := range regionList {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	b = append(b, `],"waivers":[`...)
	b = append(b, waivers...)
	b = append(b, `],"results":[`...)
	b = append(b, rows...)
	b = append(b, "]}"...)
	return b
}

// htmlServiceOf guesses a check's service from its id (<provider>-<service>-<what>).
func htmlServiceOf(checkID string) string {
	parts := strings.SplitN(checkID, "-", 3)
	if len(parts) >= 2 {
		return parts[1]
	}
	return ""
}

// appendJSONString appends s as a JSON string that is also safe inside an HTML script element:
// <, > and & become \u003c, \u003e and \u0026 (see appendJSONText).
func appendJSONString(b []byte, s string) []byte { return appendJSONText(b, s, true) }

// unknownKeys returns, sorted, the keys of seen that are not in known: areas or service models that
// results name but the responsibility model does not list.
func unknownKeys[V any](known map[string]bool, seen map[string]V) []string {
	var out []string
	for id := range seen {
		if !known[id] {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}
