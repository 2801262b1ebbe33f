package main

import "github.com/spf13/cobra"

// addExtraCommands adds the commands that live in their own files.
func addExtraCommands(root *cobra.Command) {
	root.AddCommand(newDiffCmd(), newMergeCmd(), newCollectCmd(), newScanCmd(), newPermissionsCmd())
}
