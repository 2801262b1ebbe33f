package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
)

func newValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate SNAPSHOT...",
		Short: "Check snapshot files against the snapshot format and the resource-type JSON Schemas",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError(errors.New("validate needs at least one snapshot file"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := snapshot.NewValidator(policies.FS, "schemas")
			if err != nil {
				return fmt.Errorf("load schemas: %w", err)
			}
			bad := 0
			for _, p := range args {
				s, err := snapshot.ReadFile(p)
				if err != nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "%v\n", err)
					bad++
					continue
				}
				if errs := v.Validate(s); len(errs) > 0 {
					bad++
					lines := make([]string, len(errs))
					for i, e := range errs {
						lines[i] = "  " + e.Error()
					}
					fmt.Fprintf(cmd.ErrOrStderr(), "%s: %d problem(s):\n%s\n", p, len(errs), strings.Join(lines, "\n"))
					continue
				}
				n := 0
				for _, rs := range s.Resources {
					n += len(rs)
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: valid (%s account %s, %d resources, %d collection errors)\n", p, s.Provider, s.Account, n, len(s.Errors))
			}
			if bad > 0 {
				return usageError(fmt.Errorf("%d of %d snapshot(s) invalid", bad, len(args)))
			}
			return nil
		},
	}
}
