package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	awscollector "github.com/incloud/incloud/collectors/aws"
)

func newPermissionsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "permissions",
		Short: "Print the least-privilege IAM policy a collector needs",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "aws",
		Short: "Print the minimal IAM policy for 'incloud collect aws' (read-only actions only)",
		Long: `Prints the IAM policy JSON that grants exactly the API actions the AWS collector can call: every
one a List, Get or Describe action, plus iam:GenerateCredentialReport. Attach it to the auditing role
instead of broad managed policies.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			data, err := json.MarshalIndent(awscollector.MinimalPolicy(), "", "  ")
			if err != nil {
				return fmt.Errorf("encode policy: %w", err)
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s\n", data)
			return err
		},
	})
	return cmd
}
