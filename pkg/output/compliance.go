package output

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/incloud/incloud/pkg/findings"
)

func init() { Register("compliance", writeCompliance) }

// complianceStatusOrder is the order counts are summarised in.
var complianceStatusOrder = []string{
	findings.ControlFail, findings.ControlError, findings.ControlWaived, findings.ControlPass,
	findings.ControlNoResults, findings.ControlNotRun, findings.ControlNotCovered,
}

// writeCompliance renders the report's compliance view: per framework, every control with its
// level, assessment (automated or manual), status and result counts; controls no check covers
// say so. A fleet's accounts that could not be collected or were skipped are named first: no
// control's status covers them.
func writeCompliance(w io.Writer, r *findings.Report, _ Options) error {
	if c := findings.CountTargets(r.Targets); c.Error+c.Skipped > 0 {
		fmt.Fprintf(w, "Note: %d of %s were not evaluated (%d could not be collected, %d skipped); no control's status below covers their resources:\n",
			c.Error+c.Skipped, tablePlural(c.Total(), "account"), c.Error, c.Skipped)
		for _, t := range r.Targets {
			if t.Collected() {
				continue
			}
			name := tableClean(t.Provider) + " " + tableClean(t.Account)
			if t.Name != "" {
				name += " (" + tableClean(t.Name) + ")"
			}
			state := "skipped: " + tableClean(t.Skipped)
			if t.Error != "" {
				state = "could not be collected: " + tableClean(t.Error)
			}
			fmt.Fprintf(w, "  %s: %s\n", name, state)
		}
		fmt.Fprintln(w)
	}
	if len(r.Compliance) == 0 {
		_, err := fmt.Fprintln(w, "No framework: the checks evaluated map to none (see 'incloud frameworks').")
		return err
	}
	for i, f := range r.Compliance {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s (%s)\n", tableClean(f.Title), tableClean(f.Key))
		var parts []string
		for _, st := range complianceStatusOrder {
			if n := f.Counts[st]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, strings.ReplaceAll(st, "-", " ")))
			}
		}
		fmt.Fprintf(w, "%d controls: %s\n\n", len(f.Controls), strings.Join(parts, ", "))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "CONTROL\tLEVEL\tASSESSMENT\tSTATUS\tPASS\tFAIL\tERROR\tWAIVED\tTITLE")
		for _, c := range f.Controls {
			level := "-"
			if c.Level > 0 {
				level = fmt.Sprint(c.Level)
			}
			assessment := c.Assessment
			if assessment == "" {
				assessment = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\n", tableClean(c.ID), level, assessment,
				c.Status, c.Pass, c.Fail, c.Error, c.Waived, tableClean(c.Title))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
