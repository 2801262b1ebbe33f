package main

import (
	"github.com/spf13/cobra"

	"github.com/incloud/incloud/collectors"
)

func newPermissionsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "permissions",
		Short: "Print the least-privilege role a collector needs",
	}
	for _, p := range collectors.Providers() {
		cmd.AddCommand(&cobra.Command{
			Use:   p.Name,
			Short: "Print the minimal " + p.Title + " permissions for 'incloud collect " + p.Name + "' (read-only actions only)",
			Long:  p.PermissionsHelp,
			Args:  cobra.NoArgs,
			RunE:  func(cmd *cobra.Command, _ []string) error { return p.Permissions(cmd.OutOrStdout()) },
		})
	}
	return cmd
}
