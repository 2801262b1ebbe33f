package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/incloud/incloud/pkg/compliance"
	"github.com/incloud/incloud/pkg/engine"
	"github.com/incloud/incloud/policies"
)

// frameworkRow is one line of `incloud frameworks`.
type frameworkRow struct {
	Key      string `json:"key"`
	Title    string `json:"title"`
	Provider string `json:"provider"`
	Controls int    `json:"controls"`
	Covered  int    `json:"covered"`
	Checks   int    `json:"checks"`
}

func newFrameworksCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "frameworks",
		Short: "List the compliance frameworks: controls, controls the built-in checks cover, checks",
		Long: `Lists every framework the built-in checks map to or the control catalogue knows: its key
(for --framework), title, number of controls, how many of them at least one check covers, and the
number of checks mapped to it. 'incloud eval ... --format compliance' shows a run per control.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "table" && format != "json" {
				return usageError(fmt.Errorf("--format: unknown format %q (want table or json)", format))
			}
			catalogue, err := compliance.Load(policies.FS, "frameworks")
			if err != nil {
				return err
			}
			eng, err := engine.Load(engine.Options{Builtin: policies.FS})
			if err != nil {
				return err
			}
			rows := map[string]*frameworkRow{}
			controls := map[string]map[string]bool{}
			for _, f := range catalogue {
				rows[f.Key] = &frameworkRow{Key: f.Key, Title: f.Title, Provider: f.Provider, Controls: len(f.Controls)}
				controls[f.Key] = map[string]bool{}
				for _, c := range f.Controls {
					controls[f.Key][c.ID] = false
				}
			}
			for _, c := range eng.Metadata() {
				for key, ids := range c.Frameworks {
					row := rows[key]
					if row == nil {
						row = &frameworkRow{Key: key, Title: "(no control catalogue)", Provider: c.Provider}
						rows[key] = row
						controls[key] = map[string]bool{}
					}
					row.Checks++
					for _, id := range ids {
						if _, listed := controls[key][id]; !listed && row.Title == "(no control catalogue)" {
							row.Controls++
						}
						controls[key][id] = true
					}
				}
			}
			list := make([]frameworkRow, 0, len(rows))
			for key, row := range rows {
				for _, covered := range controls[key] {
					if covered {
						row.Covered++
					}
				}
				list = append(list, *row)
			}
			sort.Slice(list, func(i, j int) bool { return list[i].Key < list[j].Key })
			out := cmd.OutOrStdout()
			if format == "json" {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(list)
			}
			tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "KEY\tPROVIDER\tCONTROLS\tCOVERED\tCHECKS\tTITLE")
			for _, r := range list {
				fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\n", r.Key, r.Provider, r.Controls, r.Covered, r.Checks, r.Title)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "table or json")
	setCompletionValues(cmd.Flags(), "format", "table", "json")
	return cmd
}
