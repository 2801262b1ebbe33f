package output

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/responsibility"
)

func init() { Register("table", writeTable) }

const (
	// tableWidth is the widest line the table aims for (message lines wrap at it; the resource
	// column is shortened to fit it).
	tableWidth = 100
	// tableMinResource is the narrowest the resource column gets before lines grow past tableWidth.
	tableMinResource = 20
	// tableIndent prefixes every row of a group.
	tableIndent = "  "
)

// ANSI styles of the table.
const (
	ansiReset   = "\x1b[0m"
	ansiBold    = "1"
	ansiDim     = "2"
	ansiRed     = "31"
	ansiBoldRed = "1;31"
	ansiGreen   = "32"
	ansiYellow  = "33"
	ansiMagenta = "35"
	ansiCyan    = "36"
	ansiBoldYel = "1;33"
)

// tablePainter applies ANSI styles when colour is on and is a no-op otherwise.
type tablePainter struct{ color bool }

func (p tablePainter) paint(style, text string) string {
	if !p.color || style == "" || text == "" {
		return text
	}
	return "\x1b[" + style + "m" + text + ansiReset
}

// cell paints text and pads it with spaces to width columns.
func (p tablePainter) cell(style, text string, width int) string {
	pad := width - utf8.RuneCountInString(text)
	if pad < 0 {
		pad = 0
	}
	return p.paint(style, text) + strings.Repeat(" ", pad)
}

func tableStatusStyle(s findings.Status) string {
	switch s {
	case findings.StatusFail:
		return ansiBoldRed
	case findings.StatusError:
		return ansiMagenta
	case findings.StatusWaived:
		return ansiCyan
	case findings.StatusPass:
		return ansiGreen
	}
	return ""
}

func tableSeverityStyle(s findings.Severity) string {
	switch s {
	case findings.SeverityCritical:
		return ansiBoldRed
	case findings.SeverityHigh:
		return ansiRed
	case findings.SeverityMedium:
		return ansiYellow
	case findings.SeverityLow:
		return ansiCyan
	case findings.SeverityInfo:
		return ansiDim
	}
	return ""
}

// tableGroup is the results of one responsibility area.
type tableGroup struct {
	areaID string
	name   string
	shown  []findings.Result // fail, error and waived, worst first
	counts map[findings.Status]int
}

// tableGroups splits results by area in responsibility.Areas order, areas outside that list last
// (sorted by id). Areas without results are left out.
func tableGroups(results []findings.Result) []*tableGroup {
	byArea := map[string]*tableGroup{}
	for _, r := range results {
		g := byArea[r.Area]
		if g == nil {
			g = &tableGroup{areaID: r.Area, name: responsibility.AreaName(r.Area), counts: map[findings.Status]int{}}
			byArea[r.Area] = g
		}
		g.counts[r.Status]++
		if r.Status != findings.StatusPass {
			g.shown = append(g.shown, r)
		}
	}
	var groups []*tableGroup
	for _, a := range responsibility.Areas {
		if g := byArea[a.ID]; g != nil {
			groups = append(groups, g)
			delete(byArea, a.ID)
		}
	}
	var other []string
	for id := range byArea {
		other = append(other, id)
	}
	sort.Strings(other)
	for _, id := range other {
		g := byArea[id]
		if id == "" {
			g.name = "(no area)"
		}
		groups = append(groups, g)
	}
	for _, g := range groups {
		findings.Sort(g.shown)
	}
	return groups
}

// tableColumns holds the widths of the finding rows, the same in every group.
type tableColumns struct {
	check, account, region, resource int
	showAccount                      bool
}

func tableLayout(r *findings.Report, groups []*tableGroup) tableColumns {
	cols := tableColumns{check: len("CHECK"), account: len("ACCOUNT"), region: len("REGION"), resource: len("RESOURCE")}
	accounts := map[string]bool{}
	for _, t := range r.Targets {
		accounts[t.Provider+"/"+t.Account] = true
	}
	for _, res := range r.Results {
		accounts[res.Provider+"/"+res.Account] = true
	}
	cols.showAccount = len(accounts) > 1
	for _, g := range groups {
		for _, res := range g.shown {
			cols.check = max(cols.check, utf8.RuneCountInString(tableClean(res.CheckID)))
			cols.account = max(cols.account, utf8.RuneCountInString(tableClean(res.Account)))
			cols.region = max(cols.region, utf8.RuneCountInString(tableClean(res.Region)))
			cols.resource = max(cols.resource, utf8.RuneCountInString(tableResource(res)))
		}
	}
	// Everything before the resource column: indent, STATUS (6), SEVERITY (8) and the gaps.
	fixed := len(tableIndent) + 6 + 2 + 8 + 2 + cols.check + 2 + cols.region + 2
	if cols.showAccount {
		fixed += cols.account + 2
	}
	cols.resource = min(cols.resource, max(tableMinResource, tableWidth-fixed))
	return cols
}

// writeTable renders the report for a terminal: one group per responsibility area with its
// failing, erroring and waived results worst first (passes only counted), then a summary by area
// and severity and the targets, with a note when a snapshot was incomplete.
func writeTable(w io.Writer, r *findings.Report, opts Options) error {
	bw := bufio.NewWriter(w)
	p := tablePainter{color: opts.Color}
	groups := tableGroups(r.Results)
	cols := tableLayout(r, groups)

	tool := r.Tool.Name
	if tool == "" {
		tool = "incloud"
	}
	if r.Tool.Version != "" {
		tool += " " + r.Tool.Version
	}
	header := fmt.Sprintf("%s report", tableClean(tool))
	if !r.GeneratedAt.IsZero() {
		header += ", generated " + r.GeneratedAt.UTC().Format(time.RFC3339)
	}
	fmt.Fprintf(bw, "%s\n%s, %s, %s\n", p.paint(ansiBold, header),
		tablePlural(len(r.Targets), "target"), tablePlural(len(r.Checks), "check"), tablePlural(len(r.Results), "result"))

	if len(r.Results) == 0 {
		fmt.Fprintf(bw, "\nNo results: no check was evaluated.\n")
	}
	for _, g := range groups {
		writeTableGroup(bw, p, cols, g)
	}
	writeTableSummary(bw, p, r)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

func writeTableGroup(w io.Writer, p tablePainter, cols tableColumns, g *tableGroup) {
	var counts []string
	for _, st := range findings.Statuses {
		if n := g.counts[st]; n > 0 {
			counts = append(counts, p.paint(tableStatusStyle(st), fmt.Sprintf("%d %s", n, st)))
		}
	}
	fmt.Fprintf(w, "\n%s  %s\n", p.paint(ansiBold, "== "+tableClean(g.name)+" =="), strings.Join(counts, ", "))
	pass := g.counts[findings.StatusPass]
	if len(g.shown) == 0 {
		fmt.Fprintf(w, "%s%s\n", tableIndent, p.paint(ansiGreen, fmt.Sprintf("all %s pass", tablePlural(pass, "result"))))
		return
	}
	head := tableIndent + p.cell(ansiDim, "STATUS", 8) + p.cell(ansiDim, "SEVERITY", 10) + p.cell(ansiDim, "CHECK", cols.check+2)
	if cols.showAccount {
		head += p.cell(ansiDim, "ACCOUNT", cols.account+2)
	}
	head += p.cell(ansiDim, "REGION", cols.region+2) + p.paint(ansiDim, "RESOURCE")
	fmt.Fprintln(w, head)

	msgIndent := tableIndent + strings.Repeat(" ", 8)
	for _, res := range g.shown {
		row := tableIndent +
			p.cell(tableStatusStyle(res.Status), strings.ToUpper(string(res.Status)), 8) +
			p.cell(tableSeverityStyle(res.Severity), tableClean(string(res.Severity)), 10) +
			p.cell("", tableClean(res.CheckID), cols.check+2)
		if cols.showAccount {
			row += p.cell("", tableClean(res.Account), cols.account+2)
		}
		row += p.cell("", tableClean(res.Region), cols.region+2) +
			tableShorten(tableResource(res), cols.resource)
		fmt.Fprintln(w, strings.TrimRight(row, " "))

		msg := tableClean(res.Message)
		if msg == "" {
			msg = tableClean(res.Title)
		}
		if res.Status == findings.StatusError {
			writeTableWrapped(w, p, msgIndent, "not checked: ", ansiMagenta, msg, "")
		} else {
			writeTableWrapped(w, p, msgIndent, "", "", msg, "")
		}
		if res.Status == findings.StatusWaived && res.Waiver != nil {
			note := "waived: " + tableClean(res.Waiver.Reason)
			var extra []string
			if res.Waiver.Owner != "" {
				extra = append(extra, "owner "+tableClean(res.Waiver.Owner))
			}
			if res.Waiver.Expires != "" {
				extra = append(extra, "expires "+tableClean(res.Waiver.Expires))
			}
			if len(extra) > 0 {
				note += " (" + strings.Join(extra, ", ") + ")"
			}
			writeTableWrapped(w, p, msgIndent, "", "", note, ansiCyan)
		}
	}
	if pass > 0 {
		fmt.Fprintf(w, "%s%s\n", tableIndent, p.paint(ansiGreen, fmt.Sprintf("+ %s not listed", tablePlural(pass, "passing result"))))
	}
}

// writeTableWrapped writes prefix+text after indent, word-wrapped at tableWidth, with prefix
// painted in prefixStyle and the text in textStyle.
// A list item's prefix ("- ") is a hanging indent: continuation lines start under its text.
func writeTableWrapped(w io.Writer, p tablePainter, indent, prefix, prefixStyle, text, textStyle string) {
	if prefix == "- " {
		for i, line := range tableWrap(text, tableWidth-utf8.RuneCountInString(indent)-len(prefix)) {
			lead := indent + p.paint(prefixStyle, prefix)
			if i > 0 {
				lead = indent + strings.Repeat(" ", len(prefix))
			}
			fmt.Fprintf(w, "%s%s\n", lead, p.paint(textStyle, line))
		}
		return
	}
	lines := tableWrap(prefix+text, tableWidth-utf8.RuneCountInString(indent))
	for i, line := range lines {
		if i == 0 && prefix != "" && strings.HasPrefix(line, prefix) {
			line = p.paint(prefixStyle, prefix) + p.paint(textStyle, line[len(prefix):])
		} else {
			line = p.paint(textStyle, line)
		}
		fmt.Fprintf(w, "%s%s\n", indent, line)
	}
}

// tableWrap splits text into lines of at most width runes at spaces; a word longer than width
// (an ARN, say) gets a line of its own rather than being cut.
func tableWrap(text string, width int) []string {
	if utf8.RuneCountInString(text) <= width {
		return []string{text}
	}
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

func writeTableSummary(w io.Writer, p tablePainter, r *findings.Report) {
	byArea := map[string]map[findings.Status]int{}
	bySev := map[findings.Severity]map[findings.Status]int{}
	total := map[findings.Status]int{}
	for _, res := range r.Results {
		if byArea[res.Area] == nil {
			byArea[res.Area] = map[findings.Status]int{}
		}
		byArea[res.Area][res.Status]++
		if bySev[res.Severity] == nil {
			bySev[res.Severity] = map[findings.Status]int{}
		}
		bySev[res.Severity][res.Status]++
		total[res.Status]++
	}

	fmt.Fprintf(w, "\n%s\n", p.paint(ansiBold, "SUMMARY"))
	type row struct {
		label  string
		counts map[findings.Status]int
	}
	var areaRows []row
	for _, a := range responsibility.Areas {
		areaRows = append(areaRows, row{a.Name, byArea[a.ID]})
		delete(byArea, a.ID)
	}
	var other []string
	for id := range byArea {
		other = append(other, id)
	}
	sort.Strings(other)
	for _, id := range other {
		label := id
		if id == "" {
			label = "(no area)"
		}
		areaRows = append(areaRows, row{tableClean(label), byArea[id]})
	}
	areaRows = append(areaRows, row{"Total", total})

	var sevRows []row
	for _, s := range findings.Severities {
		sevRows = append(sevRows, row{string(s), bySev[s]})
		delete(bySev, s)
	}
	var otherSev []string
	for s := range bySev {
		otherSev = append(otherSev, string(s))
	}
	sort.Strings(otherSev)
	for _, s := range otherSev {
		label := s
		if s == "" {
			label = "(none)"
		}
		sevRows = append(sevRows, row{tableClean(label), bySev[findings.Severity(s)]})
	}

	labelW := len("SEVERITY")
	for _, rows := range [][]row{areaRows, sevRows} {
		for _, rw := range rows {
			labelW = max(labelW, utf8.RuneCountInString(rw.label))
		}
	}
	writeCounts := func(title string, rows []row, styleLabel func(string) string) {
		head := tableIndent + p.cell(ansiDim, title, labelW+2)
		for _, st := range findings.Statuses {
			head += p.paint(ansiDim, fmt.Sprintf("%8s", strings.ToUpper(string(st))))
		}
		head += p.paint(ansiDim, fmt.Sprintf("%8s", "TOTAL"))
		fmt.Fprintln(w, head)
		for _, rw := range rows {
			line := tableIndent + p.cell(styleLabel(rw.label), rw.label, labelW+2)
			n := 0
			for _, st := range findings.Statuses {
				c := rw.counts[st]
				n += c
				style := ""
				if c > 0 && st != findings.StatusPass {
					style = tableStatusStyle(st)
				}
				line += p.paint(style, fmt.Sprintf("%8d", c))
			}
			line += fmt.Sprintf("%8d", n)
			fmt.Fprintln(w, line)
		}
	}
	writeCounts("AREA", areaRows, func(label string) string {
		if label == "Total" {
			return ansiBold
		}
		return ""
	})
	fmt.Fprintln(w)
	writeCounts("SEVERITY", sevRows, func(label string) string { return tableSeverityStyle(findings.Severity(label)) })

	fmt.Fprintf(w, "\n%s\n", p.paint(ansiBold, "TARGETS"))
	if len(r.Targets) == 0 {
		fmt.Fprintf(w, "%snone\n", tableIndent)
	}
	errorsByAccount := map[string]int{}
	for _, res := range r.Results {
		if res.Status == findings.StatusError {
			errorsByAccount[res.Provider+"/"+res.Account]++
		}
	}
	provW, acctW := 0, 0
	for _, t := range r.Targets {
		provW = max(provW, utf8.RuneCountInString(tableClean(t.Provider)))
		acctW = max(acctW, utf8.RuneCountInString(tableClean(t.Account)))
	}
	var incomplete []findings.Target
	for _, t := range r.Targets {
		state := p.paint(ansiGreen, "complete")
		if !t.Complete {
			state = p.paint(ansiBoldYel, "INCOMPLETE")
			incomplete = append(incomplete, t)
		}
		collected := "collected at unknown time"
		if !t.CollectedAt.IsZero() {
			collected = "collected " + t.CollectedAt.UTC().Format(time.RFC3339)
		}
		line := tableIndent + p.cell("", tableClean(t.Provider), provW+2) + p.cell("", tableClean(t.Account), acctW+2) + collected + "  " + state
		if n := errorsByAccount[t.Provider+"/"+t.Account]; n > 0 {
			line += fmt.Sprintf(" (%s)", tablePlural(n, "error result"))
		}
		fmt.Fprintln(w, line)
	}
	for _, t := range incomplete {
		note := fmt.Sprintf("INCOMPLETE: the snapshot of %s account %s could not be fully collected.", tableClean(t.Provider), tableClean(t.Account))
		if n := errorsByAccount[t.Provider+"/"+t.Account]; n > 0 {
			note += fmt.Sprintf(" Its %s mean parts of it were not checked: no finding there does not mean a pass.", tablePlural(n, "error result"))
		} else {
			note += " Resources that were not collected were not checked."
		}
		fmt.Fprintln(w)
		writeTableWrapped(w, p, "", "INCOMPLETE:", ansiBoldYel, note[len("INCOMPLETE:"):], "")
	}
	if n := total[findings.StatusError]; n > 0 && len(incomplete) == 0 {
		note := fmt.Sprintf("Note: %s mean parts were not checked; the ERROR rows above give the reasons.", tablePlural(n, "error result"))
		fmt.Fprintln(w)
		writeTableWrapped(w, p, "", "", "", note, "")
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(w, "\n%s\n", p.paint(ansiBold, "WARNINGS"))
		for _, warn := range r.Warnings {
			writeTableWrapped(w, p, tableIndent, "- ", ansiYellow, tableClean(warn), "")
		}
	}
}

// tableResource is how a result's resource is shown: its name, else the short form of its id.
func tableResource(r findings.Result) string {
	if r.ResourceName != "" {
		return tableClean(r.ResourceName)
	}
	return tableClean(resourceShortName(r.ResourceID))
}

// resourceShortName turns a resource id into the short name people know it by: the resource part
// of an ARN without its resource-type prefix (arn:aws:s3:::acme-logs -> acme-logs,
// arn:aws:iam::123456789012:user/ci/deploy-bot -> ci/deploy-bot,
// arn:aws:ec2:us-east-1:123456789012:instance/i-0abc -> i-0abc); ids that are not ARNs unchanged.
func resourceShortName(id string) string {
	if !strings.HasPrefix(id, "arn:") {
		return id
	}
	parts := strings.SplitN(id, ":", 6)
	if len(parts) < 6 || parts[5] == "" {
		return id
	}
	res := parts[5]
	if kind, rest, ok := strings.Cut(res, "/"); ok && rest != "" && tableIsKind(kind) {
		return rest
	}
	return res
}

// tableIsKind reports whether s looks like an ARN resource-type prefix (security-group, user, ...).
func tableIsKind(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if (c < 'a' || c > 'z') && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

// tableShorten cuts s to at most width runes, keeping its start and end around "...".
func tableShorten(s string, width int) string {
	n := utf8.RuneCountInString(s)
	if n <= width || width < 8 {
		return s
	}
	runes := []rune(s)
	keep := width - 3
	head := (keep + 1) / 2
	tail := keep - head
	return string(runes[:head]) + "..." + string(runes[n-tail:])
}

// tableClean replaces control characters (including ESC, so that resource names cannot inject
// terminal escapes) and newlines with spaces.
func tableClean(s string) string {
	clean := true
	for _, c := range s {
		if c < 0x20 || (c >= 0x7f && c < 0xa0) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(c rune) rune {
		if c < 0x20 || (c >= 0x7f && c < 0xa0) {
			return ' '
		}
		return c
	}, s)
}

func tablePlural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
