package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/incloud/incloud/pkg/audit"
	"github.com/incloud/incloud/pkg/diff"
	"github.com/incloud/incloud/pkg/merge"
	"github.com/incloud/incloud/pkg/output"
)

func newMergeCmd() *cobra.Command {
	var formats []string
	var outPath string
	cmd := &cobra.Command{
		Use:   "merge REPORT...",
		Short: "Combine JSON reports of disjoint accounts (shards of one fleet audit) into one report",
		Long: `merge combines JSON reports (written with --format json), typically the shard reports of one
fleet audit run on several machines (--shard INDEX/COUNT), into one report, written in any
format as if one run had evaluated every account (SARIF: one run per account).

It refuses reports that overlap (the same provider account in two of them), reports made by
different builds of incloud, and reports whose results were edited (a fingerprint that does not
match the result).

Exit status: 0, or 2 on bad arguments or reports that cannot be merged.`,
		Example: `  incloud merge shard-*.json --format json=fleet.json --format sarif=fleet.sarif --format table`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError(errors.New("merge needs at least one JSON report (see 'incloud merge --help')"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			outs, err := audit.ParseOutputs(formats, outPath)
			if err != nil {
				return usageError(err)
			}
			inputs := make([]merge.Input, 0, len(args))
			for _, p := range args {
				var edited []string
				r, err := diff.ReadReport(p, func(w string) { edited = append(edited, w) })
				if err != nil {
					return usageError(err)
				}
				if len(edited) > 0 {
					return usageError(fmt.Errorf("%s cannot be merged: %s", p, strings.Join(edited, "; ")))
				}
				inputs = append(inputs, merge.Input{Name: p, Report: r})
			}
			report, err := merge.Reports(inputs)
			if err != nil {
				return usageError(err)
			}
			stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
			return audit.Publish(report, audit.PublishOptions{
				Outputs: outs,
				Reads:   args,
				Stdout:  stdout,
				Color:   useColor(cmd, stdout, true),
				Width:   outputWidth(stdout, true),
				Warn:    func(msg string) { fmt.Fprintf(stderr, "incloud: warning: %s\n", msg) },
			})
		},
	}
	cmd.Flags().StringArrayVarP(&formats, "format", "f", nil,
		"output format, FORMAT or FORMAT=FILE; repeat for several outputs (formats: "+strings.Join(output.Formats(), ", ")+"; default table)")
	cmd.Flags().StringVarP(&outPath, "output", "o", "", "write the (single) format without =FILE to this file instead of stdout")
	return cmd
}
