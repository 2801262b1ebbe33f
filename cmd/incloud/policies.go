package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/incloud/incloud/pkg/engine"
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
	var noBuiltin bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the checks: id, title, severity, area, frameworks",
		Args:  cobra.NoArgs,
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
			tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tSEVERITY\tAREA\tRESOURCE TYPE\tFRAMEWORKS\tTITLE")
			for _, c := range checks {
				var fw []string
				for k, ids := range c.Frameworks {
					fw = append(fw, k+":"+strings.Join(ids, ","))
				}
				sort.Strings(fw)
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.Severity, c.Area, c.ResourceType, strings.Join(fw, " "), c.Title)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(out, "%d checks\n", len(checks))
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "table or json")
	setCompletionValues(cmd.Flags(), "format", "table", "json")
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
