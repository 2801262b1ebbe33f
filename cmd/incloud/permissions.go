package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/incloud/incloud/collectors"
)

func newPermissionsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "permissions",
		Short: "Print the least-privilege role a collector needs",
	}
	for _, p := range collectors.Providers() {
		var org bool
		var role, principal string
		sub := &cobra.Command{
			Use:   p.Name,
			Short: "Print the minimal " + p.Title + " permissions for 'incloud collect " + p.Name + "' (read-only actions only)",
			Long:  p.PermissionsHelp,
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				if org {
					return p.OrganizationPermissions(cmd.OutOrStdout(), role, principal)
				}
				if cmd.Flags().Changed("role") || cmd.Flags().Changed("audit-principal") {
					return usageError(errors.New("--role and --audit-principal go with --organization"))
				}
				return p.Permissions(cmd.OutOrStdout())
			},
		}
		if p.OrganizationPermissions != nil {
			sub.Flags().BoolVar(&org, "organization", false, "print what auditing a whole organization needs: the auditing principal's policies and a template of the member role")
			sub.Flags().StringVar(&role, "role", "incloud-audit", "with --organization: the name of the role in every member")
			sub.Flags().StringVar(&principal, "audit-principal", "", "with --organization: the ARN of the principal that runs incloud (the member role trusts it)")
		}
		cmd.AddCommand(sub)
	}
	return cmd
}
