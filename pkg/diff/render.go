package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/incloud/incloud/pkg/findings"
)

// WriteJSON writes d as indented JSON with the field names new_failures, resolved, gone,
// still_failing, waived, new_errors and summary; each entry is a report result plus "before" and
// "after" statuses.
func WriteJSON(w io.Writer, d Diff) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return fmt.Errorf("write diff JSON: %w", err)
	}
	return nil
}

// WriteTable writes d for people: a summary line, then one table per non-empty section. Still
// failing results are only counted (they are in the JSON output), so that the table shows what
// changed.
func WriteTable(w io.Writer, d Diff) error {
	s := d.Summary
	var b strings.Builder
	notCompared := ""
	if s.NotCompared > 0 {
		notCompared = fmt.Sprintf(", %d not compared (account not looked at)", s.NotCompared)
	}
	fmt.Fprintf(&b, "%s, %d resolved, %d gone, %d still failing, %d newly waived, %s%s (old report: %d results, new report: %d results)\n",
		count(s.NewFailures, "new failure", "new failures"), s.Resolved, s.Gone, s.StillFailing, s.Waived,
		count(s.NewErrors, "new error", "new errors"), notCompared, s.OldTotal, s.NewTotal)
	if s.NewFailures > 0 {
		var parts []string
		for _, sev := range findings.Severities {
			if n := s.NewFailuresBySeverity[sev]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, sev))
			}
		}
		fmt.Fprintf(&b, "New failures by severity: %s\n", strings.Join(parts, ", "))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write diff table: %w", err)
	}
	sections := []struct {
		title   string
		entries []Entry
		// column is the status shown besides the result: where it came from, or where it went.
		column string
	}{
		{"New failures", d.NewFailures, "BEFORE"},
		{"New errors, could not be checked", d.NewErrors, "BEFORE"},
		{"Resolved, now passing", d.Resolved, ""},
		{"Gone, no longer in the new report", d.Gone, ""},
		{"Not compared, failing before; the new report did not look at their account", d.NotCompared, ""},
		{"Newly waived", d.Waived, ""},
	}
	for _, sec := range sections {
		if len(sec.entries) == 0 {
			continue
		}
		if err := writeSection(w, sec.title, sec.entries, sec.column); err != nil {
			return err
		}
	}
	return nil
}

func writeSection(w io.Writer, title string, entries []Entry, column string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "\n%s (%d)\n", title, len(entries))
	header := "SEVERITY\tCHECK\tRESOURCE\tACCOUNT\tREGION"
	if column != "" {
		header += "\t" + column
	}
	fmt.Fprintln(tw, header+"\tMESSAGE")
	for _, e := range entries {
		row := []string{string(e.Severity), e.CheckID, e.ResourceID, dash(e.Account), dash(e.Region)}
		if column != "" {
			row = append(row, e.Before)
		}
		msg := e.Message
		if e.PreviousMessage != "" {
			msg = "was: " + e.PreviousMessage
		}
		if e.Waiver != nil {
			msg = "waived: " + e.Waiver.Reason
		}
		if e.Reason != "" {
			msg = e.Reason
		}
		row = append(row, dash(msg))
		for i := range row {
			row[i] = cell(row[i])
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write diff table: %w", err)
	}
	return nil
}

// cell keeps a value on one table cell: no tabs or newlines.
func cell(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
