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
			h := organizationHelp(p)
			sub.Flags().BoolVar(&org, "organization", false, h.Organization)
			sub.Flags().StringVar(&role, "role", "incloud-audit", h.Role)
			sub.Flags().StringVar(&principal, "audit-principal", "", h.Principal)
		}
		cmd.AddCommand(sub)
	}
	return cmd
}

// organizationHelp is the usage of the flags of permissions <provider> --organization: the
// provider's wording, provider-neutral where it has none.
func organizationHelp(p collectors.Provider) collectors.OrganizationHelp {
	h := p.OrganizationHelp
	if h.Organization == "" {
		h.Organization = "print what auditing every " + p.Account + " of an organization needs"
	}
	if h.Role == "" {
		h.Role = "with --organization: the name of the audit role"
	}
	if h.Principal == "" {
		h.Principal = "with --organization: the principal that runs incloud"
	}
	return h
}
