package output

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/responsibility"
)

func init() { Register("table", writeTable) }

// DefaultWidth is the line width of the table when the caller does not know the terminal's.
const DefaultWidth = 100

const (
	// tableMinWidth and tableMaxWidth bound the width the table lays itself out for.
	tableMinWidth = 40
	tableMaxWidth = 400
	// tableMinResource is the narrowest the resource column gets in the one-line layout; a
	// narrower terminal gets the stacked layout (the location on a line of its own).
	tableMinResource = 20
	// tableIndent prefixes every row of a group.
	tableIndent = "  "
	// tableMsgIndent prefixes the lines under a row (location, message, fix, waiver).
	tableMsgIndent = tableIndent + "        "
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

// tablePainter applies ANSI styles when colour is on and is a no-op otherwise, and knows the
// width lines are wrapped at.
type tablePainter struct {
	color bool
	width int
}

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

// tableColumns holds the widths of the finding rows, the same in every group. In the one-line
// layout a row is STATUS SEVERITY CHECK [ACCOUNT] REGION RESOURCE; when the terminal is too narrow
// for that (stacked), a row is STATUS SEVERITY CHECK and the location follows on its own line.
type tableColumns struct {
	check, account, region, resource int
	showAccount                      bool
	stacked                          bool
}

func tableLayout(r *findings.Report, groups []*tableGroup, width int) tableColumns {
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
	if width-fixed < tableMinResource {
		cols.stacked = true
		cols.check = min(cols.check, width-len(tableIndent)-18)
		return cols
	}
	cols.resource = min(cols.resource, width-fixed)
	return cols
}

// tableWidthOf clamps a requested width to what the table can lay out.
func tableWidthOf(w int) int {
	if w <= 0 {
		return DefaultWidth
	}
	return min(max(w, tableMinWidth), tableMaxWidth)
}

// writeTable renders the report for a terminal: one group per responsibility area with its
// failing, erroring and waived results worst first (passes only counted), each failure with a
// one-line fix, then a summary by area and severity and the targets, with a note when a snapshot
// was incomplete. Lines fit opts.Width (words are never split unless one alone is wider).
func writeTable(w io.Writer, r *findings.Report, opts Options) error {
	bw := bufio.NewWriter(w)
	p := tablePainter{color: opts.Color, width: tableWidthOf(opts.Width)}
	groups := tableGroups(r.Results)
	cols := tableLayout(r, groups, p.width)

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
	writeTableWrapped(bw, p, "", "", "", header, ansiBold)
	fmt.Fprintf(bw, "%s, %s, %s\n",
		tablePlural(len(r.Targets), "target"), tablePlural(len(r.Checks), "check"), tablePlural(len(r.Results), "result"))

	if len(r.Results) == 0 {
		fmt.Fprintf(bw, "\nNo results: no check was evaluated.\n")
	}
	fixes := map[string]string{} // tableShortFix of each remediation: a check's results share it
	for _, g := range groups {
		writeTableGroup(bw, p, cols, g, fixes)
	}
	writeTableSummary(bw, p, r)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

func writeTableGroup(w io.Writer, p tablePainter, cols tableColumns, g *tableGroup, fixes map[string]string) {
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
	head := tableIndent + p.cell(ansiDim, "STATUS", 8) + p.cell(ansiDim, "SEVERITY", 10)
	if cols.stacked {
		head += p.paint(ansiDim, "CHECK")
		loc := "REGION  RESOURCE"
		if cols.showAccount {
			loc = "ACCOUNT  " + loc
		}
		head += "\n" + tableMsgIndent + p.paint(ansiDim, loc)
	} else {
		head += p.cell(ansiDim, "CHECK", cols.check+2)
		if cols.showAccount {
			head += p.cell(ansiDim, "ACCOUNT", cols.account+2)
		}
		head += p.cell(ansiDim, "REGION", cols.region+2) + p.paint(ansiDim, "RESOURCE")
	}
	fmt.Fprintln(w, head)

	for _, res := range g.shown {
		row := tableIndent +
			p.cell(tableStatusStyle(res.Status), strings.ToUpper(string(res.Status)), 8) +
			p.cell(tableSeverityStyle(res.Severity), tableClean(string(res.Severity)), 10)
		if cols.stacked {
			row += tableShorten(tableClean(res.CheckID), cols.check)
			fmt.Fprintln(w, strings.TrimRight(row, " "))
			var loc []string
			if cols.showAccount {
				loc = append(loc, tableClean(res.Account))
			}
			if res.Region != "" {
				loc = append(loc, tableClean(res.Region))
			}
			where := strings.Join(loc, "  ")
			resource := tableResource(res)
			if where != "" {
				where += "  "
			}
			room := p.width - len(tableMsgIndent) - utf8.RuneCountInString(where)
			fmt.Fprintln(w, strings.TrimRight(tableMsgIndent+where+tableShorten(resource, max(room, 8)), " "))
		} else {
			row += p.cell("", tableClean(res.CheckID), cols.check+2)
			if cols.showAccount {
				row += p.cell("", tableClean(res.Account), cols.account+2)
			}
			row += p.cell("", tableClean(res.Region), cols.region+2) +
				tableShorten(tableResource(res), cols.resource)
			fmt.Fprintln(w, strings.TrimRight(row, " "))
		}

		msg := tableClean(res.Message)
		if msg == "" {
			msg = tableClean(res.Title)
		}
		switch res.Status {
		case findings.StatusError:
			writeTableWrapped(w, p, tableMsgIndent, "not checked: ", ansiMagenta, msg, "")
		default:
			writeTableWrapped(w, p, tableMsgIndent, "", "", msg, "")
		}
		if res.Status == findings.StatusFail {
			fix, ok := fixes[res.Remediation]
			if !ok {
				fix = tableShortFix(res.Remediation, p.width-len(tableMsgIndent)-len("fix: "))
				fixes[res.Remediation] = fix
			}
			if fix != "" {
				fmt.Fprintf(w, "%s%s%s\n", tableMsgIndent, p.paint(ansiYellow, "fix: "), fix)
			}
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
			writeTableWrapped(w, p, tableMsgIndent, "", "", note, ansiCyan)
		}
	}
	if pass > 0 {
		fmt.Fprintf(w, "%s%s\n", tableIndent, p.paint(ansiGreen, fmt.Sprintf("+ %s not listed", tablePlural(pass, "passing result"))))
	}
}

// tableShortFix makes one line of at most width runes out of a check's remediation: its first
// sentence without parenthesised asides, cut at a word with "..." when still too long. The full
// text is in the JSON, HTML and SARIF reports.
func tableShortFix(remediation string, width int) string {
	s := strings.Join(strings.Fields(tableClean(remediation)), " ")
	if s == "" || width < 8 {
		return ""
	}
	var b []rune
	depth := 0
	for _, c := range s {
		switch {
		case c == '(':
			if depth == 0 {
				for len(b) > 0 && b[len(b)-1] == ' ' {
					b = b[:len(b)-1]
				}
			}
			depth++
		case c == ')' && depth > 0:
			depth--
		case depth == 0:
			b = append(b, c)
		}
	}
	if short := strings.Join(strings.Fields(string(b)), " "); depth == 0 && short != "" {
		s = short
	}
	// The first sentence: up to a full stop followed by a capital letter.
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' && s[i+2] >= 'A' && s[i+2] <= 'Z' {
			s = s[:i+1]
			break
		}
	}
	if utf8.RuneCountInString(s) <= width {
		return s
	}
	cut := ""
	for _, word := range strings.Fields(s) {
		next := word
		if cut != "" {
			next = cut + " " + word
		}
		if utf8.RuneCountInString(next)+3 > width {
			break
		}
		cut = next
	}
	if cut == "" {
		return string([]rune(s)[:width-3]) + "..."
	}
	return strings.TrimRight(cut, ",;:") + "..."
}

// writeTableWrapped writes prefix+text after indent, word-wrapped at the table's width, with
// prefix painted in prefixStyle and the text in textStyle.
// A list item's prefix ("- ") is a hanging indent: continuation lines start under its text.
func writeTableWrapped(w io.Writer, p tablePainter, indent, prefix, prefixStyle, text, textStyle string) {
	if prefix == "- " {
		for i, line := range tableWrap(text, p.width-utf8.RuneCountInString(indent)-len(prefix)) {
			lead := indent + p.paint(prefixStyle, prefix)
			if i > 0 {
				lead = indent + strings.Repeat(" ", len(prefix))
			}
			fmt.Fprintf(w, "%s%s\n", lead, p.paint(textStyle, line))
		}
		return
	}
	lines := tableWrap(prefix+text, p.width-utf8.RuneCountInString(indent))
	for i, line := range lines {
		if i == 0 && prefix != "" && strings.HasPrefix(line, prefix) {
			line = p.paint(prefixStyle, prefix) + p.paint(textStyle, line[len(prefix):])
		} else {
			line = p.paint(textStyle, line)
		}
		fmt.Fprintf(w, "%s%s\n", indent, line)
	}
}

// tableWrap splits text into lines of at most width runes at spaces. A word longer than width
// (an ARN, say) starts a line of its own and is split only there, so the terminal never breaks
// a line on its own.
func tableWrap(text string, width int) []string {
	width = max(width, 10)
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
		if line == "" {
			for utf8.RuneCountInString(word) > width {
				r := []rune(word)
				lines = append(lines, string(r[:width]))
				word = string(r[width:])
			}
		} else {
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

	writeTableTargets(w, p, r, total[findings.StatusError])
	if len(r.Warnings) > 0 {
		fmt.Fprintf(w, "\n%s\n", p.paint(ansiBold, "WARNINGS"))
		for _, warn := range r.Warnings {
			writeTableWrapped(w, p, tableIndent, "- ", ansiYellow, tableClean(warn), "")
		}
	}
}

// tableMaxName is the widest an account's name gets in the TARGETS block.
const tableMaxName = 24

// writeTableTargets writes the TARGETS block: every account with its state (collected and
// complete, INCOMPLETE, ERROR with the reason it could not be collected, skipped with the reason
// it was left out) and, for a fleet, a count of accounts by state; then notes on what the
// incomplete and uncollected accounts mean for the results above. errorResults is the number of
// error results in the report.
func writeTableTargets(w io.Writer, p tablePainter, r *findings.Report, errorResults int) {
	fmt.Fprintf(w, "\n%s\n", p.paint(ansiBold, "TARGETS"))
	if len(r.Targets) == 0 {
		fmt.Fprintf(w, "%snone\n", tableIndent)
	}
	counts := findings.CountTargets(r.Targets)
	if findings.Fleet(r.Targets) {
		line := fmt.Sprintf("%s: %d evaluated, %d could not be collected, %d skipped",
			tablePlural(counts.Total(), "account"), counts.Evaluated, counts.Error, counts.Skipped)
		writeTableWrapped(w, p, tableIndent, "", "", line, "")
	}
	errorsByAccount := map[string]int{}
	for _, res := range r.Results {
		if res.Status == findings.StatusError {
			errorsByAccount[res.Provider+"/"+res.Account]++
		}
	}
	provW, acctW, nameW := 0, 0, 0
	for _, t := range r.Targets {
		provW = max(provW, utf8.RuneCountInString(tableClean(t.Provider)))
		acctW = max(acctW, utf8.RuneCountInString(tableClean(t.Account)))
		nameW = max(nameW, utf8.RuneCountInString(tableShorten(tableClean(t.Name), tableMaxName)))
	}
	leadW := len(tableIndent) + provW + 2 + acctW + 2
	if nameW > 0 {
		leadW += nameW + 2
	}
	var incomplete, failed []findings.Target
	for _, t := range r.Targets {
		lead := tableIndent + p.cell("", tableClean(t.Provider), provW+2) + p.cell("", tableClean(t.Account), acctW+2)
		if nameW > 0 {
			lead += p.cell("", tableShorten(tableClean(t.Name), tableMaxName), nameW+2)
		}
		var detail, keyword, style string
		switch {
		case t.Error != "":
			failed = append(failed, t)
			keyword, style = "ERROR:", ansiBoldRed
			detail = "ERROR: could not be collected: " + tableClean(t.Error)
		case t.Skipped != "":
			keyword, style = "skipped:", ansiDim
			detail = "skipped: " + tableClean(t.Skipped)
		default:
			collected := "collected at unknown time"
			if !t.CollectedAt.IsZero() {
				collected = "collected " + t.CollectedAt.UTC().Format(time.RFC3339)
			}
			keyword, style = "complete", ansiGreen
			if !t.Complete {
				keyword, style = "INCOMPLETE", ansiBoldYel
				incomplete = append(incomplete, t)
			}
			detail = collected + "  " + keyword
			if n := errorsByAccount[t.Provider+"/"+t.Account]; n > 0 {
				detail += fmt.Sprintf(" (%s)", tablePlural(n, "error result"))
			}
		}
		writeTableTargetRow(w, p, lead, leadW, detail, keyword, style)
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
	if len(failed) > 0 {
		var names []string
		for _, t := range failed {
			names = append(names, tableClean(t.Provider)+" account "+tableClean(t.Account))
		}
		note := fmt.Sprintf("ERROR: %s could not be collected (%s): nothing in it was checked. Its account-level checks are ERROR results with the reason; no finding there does not mean a pass.",
			tablePlural(len(failed), "account"), strings.Join(names, ", "))
		if len(failed) > 1 {
			note = strings.Replace(note, "nothing in it was", "nothing in them was", 1)
		}
		fmt.Fprintln(w)
		writeTableWrapped(w, p, "", "ERROR:", ansiBoldRed, note[len("ERROR:"):], "")
	}
	if errorResults > 0 && len(incomplete) == 0 && len(failed) == 0 {
		note := fmt.Sprintf("Note: %s mean parts were not checked; the ERROR rows above give the reasons.", tablePlural(errorResults, "error result"))
		fmt.Fprintln(w)
		writeTableWrapped(w, p, "", "", "", note, "")
	}
}

// writeTableTargetRow writes one account of the TARGETS block: lead (provider, account, name:
// leadW columns) then detail, word-wrapped under itself; when less than 30 columns are left
// after the lead, detail goes on the lines below, under the message indent. The first keyword in
// detail is painted in style.
func writeTableTargetRow(w io.Writer, p tablePainter, lead string, leadW int, detail, keyword, style string) {
	indent := strings.Repeat(" ", leadW)
	room := p.width - leadW
	if room < 30 {
		fmt.Fprintln(w, strings.TrimRight(lead, " "))
		lead, indent, room = tableMsgIndent, tableMsgIndent, p.width-len(tableMsgIndent)
	}
	painted := false
	for i, line := range tableWrap(detail, room) {
		if !painted && keyword != "" {
			if j := strings.Index(line, keyword); j >= 0 {
				line = line[:j] + p.paint(style, keyword) + line[j+len(keyword):]
				painted = true
			}
		}
		if i == 0 {
			fmt.Fprintln(w, lead+line)
		} else {
			fmt.Fprintln(w, indent+line)
		}
	}
}

// tableResource is how a result's resource is shown: its name, else the short form of its id.
// A result about no single resource (an error listing a whole type) names its scope instead:
// all resources of the type (in the region of its REGION column, or in every region).
func tableResource(r findings.Result) string {
	if r.ResourceName != "" {
		return tableClean(r.ResourceName)
	}
	if r.ResourceID == "" {
		typ := tableClean(r.ResourceType)
		if typ == "" {
			typ = "resource"
		}
		if r.Region == "" {
			return "all " + typ + ", every region"
		}
		return "all " + typ
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

// tableClean makes text from reports safe for a terminal: line breaks and tabs become spaces,
// and every other control character (C0, DEL, C1 including ESC, so that resource names cannot
// inject terminal escapes) and every bidirectional-text control (RLO, LRO, LRI, PDI, ..., which
// can make a line read differently from what it holds) is shown escaped, as \x1b or \u202e.
func tableClean(s string) string {
	clean := true
	for _, c := range s {
		if tableUnsafe(c) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f' || c == 0x2028 || c == 0x2029:
			b.WriteByte(' ')
		case !tableUnsafe(c):
			b.WriteRune(c)
		case c < 0x100:
			fmt.Fprintf(&b, "\\x%02x", c)
		default:
			fmt.Fprintf(&b, "\\u%04x", c)
		}
	}
	return b.String()
}

// tableUnsafe tells the runes tableClean replaces: control characters, bidi controls, line and
// paragraph separators, and invalid UTF-8.
func tableUnsafe(c rune) bool {
	return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 || c == utf8.RuneError ||
		unicode.Is(unicode.Bidi_Control, c)
}

func tablePlural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
