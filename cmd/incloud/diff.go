package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/incloud/incloud/pkg/atomicfile"
	"github.com/incloud/incloud/pkg/diff"
	"github.com/incloud/incloud/pkg/findings"
)

func newDiffCmd() *cobra.Command {
	var format, failOn, outPath string
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Compare two JSON reports: new failures, resolved, still failing, new errors",
		Long: `diff compares two JSON reports (written with --format json) result by result, matching them by
fingerprint (check, provider, account, region, resource type and id), so that resources added
or removed elsewhere do not disturb the comparison. It lists the new failures, the failures
resolved (now passing) or gone (no longer in the new report), those newly waived, and the new
errors (results that could no longer be checked). Still-failing results are counted in the
table and listed in the JSON output.

Exit status: 0, or 1 when there are new failures at or above --fail-on, 2 on bad arguments or
unreadable reports.`,
		Example: `  incloud diff yesterday.json today.json
  incloud diff baseline.json current.json --format json --output diff.json --fail-on high`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usageError(fmt.Errorf("diff needs two JSON reports, OLD and NEW, got %d argument(s) (see 'incloud diff --help')", len(args)))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			var min findings.Severity
			if failOn != "" {
				sev, err := findings.ParseSeverity(failOn)
				if err != nil {
					return usageError(fmt.Errorf("--fail-on: %w", err))
				}
				min = sev
			}
			var write func(*bytes.Buffer, diff.Diff) error
			switch format {
			case "table":
				write = func(b *bytes.Buffer, d diff.Diff) error { return diff.WriteTable(b, d) }
			case "json":
				write = func(b *bytes.Buffer, d diff.Diff) error { return diff.WriteJSON(b, d) }
			default:
				return usageError(fmt.Errorf("--format: unknown format %q (want table or json)", format))
			}
			if outPath != "" && outPath != "-" {
				for _, in := range args {
					if sameFile(outPath, in) {
						return usageError(fmt.Errorf("--output %s would overwrite the report %s", outPath, in))
					}
				}
			}
			warn := func(w string) { fmt.Fprintf(cmd.ErrOrStderr(), "incloud: warning: %s\n", w) }
			old, err := diff.ReadReport(args[0], warn)
			if err != nil {
				return usageError(err)
			}
			cur, err := diff.ReadReport(args[1], warn)
			if err != nil {
				return usageError(err)
			}
			for _, w := range compareWarnings(old, cur) {
				fmt.Fprintf(cmd.ErrOrStderr(), "incloud: warning: %s\n", w)
			}
			d := diff.Compare(old, cur)
			var buf bytes.Buffer
			if err := write(&buf, d); err != nil {
				return err
			}
			if outPath != "" && outPath != "-" {
				data := buf.Bytes()
				if err := atomicfile.Write(outPath, 0o644, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
					return fmt.Errorf("write diff: %w", err)
				}
			} else if _, err := cmd.OutOrStdout().Write(buf.Bytes()); err != nil {
				return fmt.Errorf("write diff: %w", err)
			}
			if min != "" {
				if n := findings.Failing(diff.Results(d.NewFailures), min); n > 0 {
					fmt.Fprintf(cmd.ErrOrStderr(), "incloud: %d new failure(s) at or above %s\n", n, min)
					return &exitError{code: 1}
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "table", "output format: table or json")
	cmd.Flags().StringVarP(&outPath, "output", "o", "", "write the diff to this file instead of stdout (replaced atomically)")
	setCompletionValues(cmd.Flags(), "format", "table", "json")
	cmd.Flags().StringVar(&failOn, "fail-on", "", "exit 1 when a new failure is at or above this severity (critical, high, medium, low, info); default: never")
	return cmd
}

// compareWarnings points out report pairs whose diff is likely misleading: reports of different
// accounts (every result then looks new or gone), or arguments given newest first.
func compareWarnings(old, cur *findings.Report) []string {
	var warnings []string
	oldAcc, curAcc := accounts(old), accounts(cur)
	if len(oldAcc) > 0 && len(curAcc) > 0 {
		shared := false
		for a := range curAcc {
			shared = shared || oldAcc[a]
		}
		if !shared {
			warnings = append(warnings, fmt.Sprintf("the reports cover different accounts (OLD: %s; NEW: %s): results only match within an account",
				joinKeys(oldAcc), joinKeys(curAcc)))
		}
	}
	if !old.GeneratedAt.IsZero() && !cur.GeneratedAt.IsZero() && old.GeneratedAt.After(cur.GeneratedAt) {
		warnings = append(warnings, fmt.Sprintf("OLD was generated after NEW (%s > %s): were the arguments swapped?",
			old.GeneratedAt.UTC().Format("2006-01-02T15:04:05Z"), cur.GeneratedAt.UTC().Format("2006-01-02T15:04:05Z")))
	}
	return warnings
}

func accounts(r *findings.Report) map[string]bool {
	m := map[string]bool{}
	for _, t := range r.Targets {
		if t.Account != "" {
			m[t.Provider+":"+t.Account] = true
		}
	}
	return m
}

func joinKeys(m map[string]bool) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

// sameFile reports whether two paths name the same file: the same cleaned absolute path, or the
// same existing file under two names.
func sameFile(a, b string) bool {
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	if errA == nil && errB == nil && absA == absB {
		return true
	}
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}
