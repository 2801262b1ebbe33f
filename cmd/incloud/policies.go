package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
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
	var sf selectFlags
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
			opts := engine.Options{Builtin: policies.FS, NoBuiltinChecks: noBuiltin, PolicyDirs: dirs}
			eng, err := engine.Load(opts)
			if err != nil {
				return usageError(err)
			}
			sel, err := sf.criteria()
			if err != nil {
				return usageError(fmt.Errorf("--severity: %w", err))
			}
			all := eng.Metadata()
			if err := sel.Check(all, responsibility.AreaIDs(), nil); err != nil {
				return usageError(err)
			}
			var checks []findings.Check
			for _, c := range all {
				if sel.Selected(c) {
					checks = append(checks, c)
				}
			}
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
	sf.register(cmd.Flags())
	return cmd
}

func newPoliciesTestCmd() *cobra.Command {
	var verbose, noBuiltin bool
	var dirs []string
	cmd := &cobra.Command{
		Use:   "test [DIR|FILE...]",
		Short: "Run the Rego unit tests (*_test.rego) of the built-in checks and of DIRs, or of FILEs only",
		Long: `Runs Rego unit tests through OPA's tester, with the same sandbox, metadata rules and schema
type-checking as evaluation:

  incloud policies test                      the built-in checks' tests
  incloud policies test DIR                  the built-in tests and those in DIR
  incloud policies test --no-builtin DIR     only the tests in DIR (the built-in helpers and
                                             schemas stay available; the built-in checks do not)
  incloud policies test DIR/x/y_test.rego    only the tests in that file

A FILE is loaded with the policy directory it is in (a --policy-dir or DIR argument that
contains it, else its own directory), so its checks and helpers are there. A failing test
shows the expression that failed, and for a comparison the value it got and the value it
wanted. Exits 1 when a test fails, 2 when nothing could be run.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := engine.Options{Builtin: policies.FS, NoBuiltinChecks: noBuiltin, PolicyDirs: slices.Clone(dirs)}
			var files []string
			for _, a := range args {
				st, err := os.Stat(a)
				if err != nil {
					return usageError(fmt.Errorf("policies test: %w", err))
				}
				if st.IsDir() {
					opts.PolicyDirs = append(opts.PolicyDirs, a)
				} else {
					files = append(files, a)
				}
			}
			for _, f := range files {
				if !strings.HasSuffix(f, "_test.rego") {
					return usageError(fmt.Errorf("policies test %s: not a test file (*_test.rego)", f))
				}
				root := containingDir(opts.PolicyDirs, f)
				if root == "" {
					root = filepath.Dir(f)
					opts.PolicyDirs = append(opts.PolicyDirs, root)
				}
				rel, err := filepath.Rel(root, f)
				if err != nil {
					return usageError(fmt.Errorf("policies test %s: %w", f, err))
				}
				opts.TestFiles = append(opts.TestFiles, path.Join(filepath.ToSlash(root), filepath.ToSlash(rel)))
			}
			if noBuiltin && len(opts.PolicyDirs) == 0 {
				return usageError(errors.New("policies test --no-builtin needs a DIR, a FILE or --policy-dir"))
			}
			results, err := engine.RunTests(cmd.Context(), opts)
			if err != nil {
				return usageError(err)
			}
			out := cmd.OutOrStdout()
			failed := 0
			for _, r := range results {
				switch {
				case !r.Pass:
					failed++
					fmt.Fprintf(out, "FAIL %s.%s (%s)\n", strings.TrimPrefix(r.Package, "data."), r.Name, r.File)
					for _, line := range strings.Split(r.Detail, "\n") {
						fmt.Fprintf(out, "  %s\n", line)
					}
				case verbose:
					fmt.Fprintf(out, "PASS %s.%s\n", strings.TrimPrefix(r.Package, "data."), r.Name)
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
	cmd.Flags().BoolVar(&noBuiltin, "no-builtin", false, "run only the tests of the DIRs and FILEs given, not the built-in ones")
	cmd.Flags().StringArrayVar(&dirs, "policy-dir", nil, "directory of extra Rego checks and tests (repeatable; same as a DIR argument)")
	return cmd
}

// containingDir returns the directory of dirs that file is in, or "".
func containingDir(dirs []string, file string) string {
	abs, err := filepath.Abs(file)
	if err != nil {
		return ""
	}
	for _, d := range dirs {
		ad, err := filepath.Abs(d)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(ad, abs); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
			return d
		}
	}
	return ""
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
