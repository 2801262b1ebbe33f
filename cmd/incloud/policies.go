package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/incloud/incloud/pkg/engine"
	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/responsibility"
	"github.com/incloud/incloud/policies"
)

func newPoliciesCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policies",
		Short: "List the checks or run their Rego unit tests",
	}
	cmd.AddCommand(newPoliciesListCmd(), newPoliciesTestCmd())
	return cmd
}

func newPoliciesListCmd() *cobra.Command {
	var format string
	var dirs []string
	var noBuiltin, wide bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the checks: id, severity, area, title (--wide: resource type and frameworks too)",
		Long: `Lists the checks. The table fits the terminal (COLUMNS, or 100 columns when not a terminal),
shortening titles; --wide adds the resource type and the framework controls and never shortens;
--format json gives every field of the metadata.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "table" && format != "json" {
				return usageError(fmt.Errorf("--format: unknown format %q (want table or json)", format))
			}
			opts := engine.Options{PolicyDirs: dirs}
			if !noBuiltin {
				opts.Builtin = policies.FS
			}
			eng, err := engine.Load(opts)
			if err != nil {
				return usageError(err)
			}
			checks := eng.Metadata()
			out := cmd.OutOrStdout()
			if format == "json" {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(checks)
			}
			if err := writeCheckTable(out, checks, wide, outputWidth(out, true)); err != nil {
				return err
			}
			fmt.Fprintf(out, "%d checks\n", len(checks))
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "table or json")
	setCompletionValues(cmd.Flags(), "format", "table", "json")
	cmd.Flags().BoolVar(&wide, "wide", false, "table with every column (resource type, frameworks) and whole titles, however wide")
	cmd.Flags().StringArrayVar(&dirs, "policy-dir", nil, "directory of extra Rego checks (repeatable)")
	cmd.Flags().BoolVar(&noBuiltin, "no-builtin", false, "list only the checks from --policy-dir")
	return cmd
}

func newPoliciesTestCmd() *cobra.Command {
	var verbose bool
	cmd := &cobra.Command{
		Use:   "test [DIR...]",
		Short: "Run the Rego unit tests (*_test.rego) of the built-in checks and of DIRs",
		Long: `Runs the Rego unit tests of the built-in checks and of each DIR through OPA's tester, with the
same sandbox, metadata rules and schema type-checking as evaluation. Exits 1 when a test fails.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			results, err := engine.RunTests(cmd.Context(), engine.Options{Builtin: policies.FS, PolicyDirs: args})
			if err != nil {
				return usageError(err)
			}
			sort.Slice(results, func(i, j int) bool {
				if results[i].Package != results[j].Package {
					return results[i].Package < results[j].Package
				}
				return results[i].Name < results[j].Name
			})
			out := cmd.OutOrStdout()
			failed := 0
			for _, r := range results {
				switch {
				case !r.Pass:
					failed++
					fmt.Fprintf(out, "FAIL %s.%s\n  %s\n", r.Package, r.Name, r.Detail)
				case verbose:
					fmt.Fprintf(out, "PASS %s.%s\n", r.Package, r.Name)
				}
			}
			fmt.Fprintf(out, "%d passed, %d failed\n", len(results)-failed, failed)
			if failed > 0 {
				return &exitError{code: 1}
			}
			if len(results) == 0 {
				return usageError(fmt.Errorf("no Rego tests found"))
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "list passing tests too")
	return cmd
}

// writeCheckTable lists checks as a table. By default it groups them by responsibility area and
// shows ID, SEVERITY and TITLE, titles shortened so that lines fit width; wide is one flat table
// that adds AREA, RESOURCE TYPE and FRAMEWORKS and shortens nothing.
func writeCheckTable(w io.Writer, checks []findings.Check, wide bool, width int) error {
	if wide {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSEVERITY\tAREA\tRESOURCE TYPE\tFRAMEWORKS\tTITLE")
		for _, c := range checks {
			var fw []string
			for k, ids := range c.Frameworks {
				fw = append(fw, k+":"+strings.Join(ids, ","))
			}
			sort.Strings(fw)
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.Severity, c.Area, c.ResourceType, strings.Join(fw, " "), c.Title)
		}
		return tw.Flush()
	}
	byArea := map[string][]findings.Check{}
	idW := len("ID")
	for _, c := range checks {
		byArea[c.Area] = append(byArea[c.Area], c)
		idW = max(idW, utf8.RuneCountInString(c.ID))
	}
	var areas []string
	for _, a := range responsibility.Areas {
		areas = append(areas, a.ID)
	}
	var other []string
	for a := range byArea {
		if _, err := responsibility.LookupArea(a); err != nil {
			other = append(other, a)
		}
	}
	sort.Strings(other)
	const indent = "  "
	sevW := len("SEVERITY")
	titleW := max(width-len(indent)-(idW+2)-(sevW+2), 20)
	bw := bufio.NewWriter(w)
	first := true
	for _, area := range append(areas, other...) {
		list := byArea[area]
		if len(list) == 0 {
			continue
		}
		if !first {
			fmt.Fprintln(bw)
		}
		first = false
		fmt.Fprintf(bw, "== %s (%s) ==\n", responsibility.AreaName(area), plural(len(list), "check"))
		fmt.Fprintf(bw, "%s%-*s  %-*s  %s\n", indent, idW, "ID", sevW, "SEVERITY", "TITLE")
		for _, c := range list {
			title := c.Title
			if r := []rune(title); len(r) > titleW {
				title = strings.TrimRight(string(r[:titleW-3]), " ") + "..."
			}
			fmt.Fprintf(bw, "%s%-*s  %-*s  %s\n", indent, idW, c.ID, sevW, c.Severity, title)
		}
	}
	return bw.Flush()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
