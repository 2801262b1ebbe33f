package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/incloud/incloud/collectors"

	"github.com/incloud/incloud/pkg/snapshot"
)

func newScanCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "scan",
		Short: "Collect a cloud account and evaluate the checks in one go",
	}
	for _, p := range collectors.Providers() {
		cmd.AddCommand(newScanProviderCmd(p))
	}
	return cmd
}

func newScanProviderCmd(p collectors.Provider) *cobra.Command {
	cf := newCollectFlags(p)
	var rf reportFlags
	var snapshotOut string
	cmd := &cobra.Command{
		Use:   p.Name,
		Short: fmt.Sprintf("Collect one %s and evaluate the %s checks over it", p.Account, p.Title),
		Long: fmt.Sprintf(`Runs 'incloud collect %s' and evaluates the checks over the snapshot, as 'incloud eval' would.
--snapshot-out keeps the snapshot. What could not be collected makes the dependent checks report
'error', never 'pass'.%s`, p.Name, fleetScanHelp(p)),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fleet, err := cf.fleet(cmd)
			if err != nil {
				return err
			}
			// Check the report flags and load the checks before contacting the cloud, so bad
			// input fails fast. The snapshot file is an output the reports must not overwrite.
			var reads []string
			if snapshotOut != "" && fleet == nil {
				reads = append(reads, snapshotOut)
			}
			a, err := rf.audit(cmd, reads)
			if err != nil {
				return err
			}
			if fleet != nil {
				return scanFleet(cmd, cf, a, fleet, snapshotOut)
			}
			snap, interrupted, err := cf.collect(cmd)
			if err != nil {
				return err
			}
			if snapshotOut != "" {
				if err := writeSnapshot(cmd, snap, snapshotOut); err != nil {
					return err
				}
			}
			if interrupted {
				return interruptedError(cmd, errInterrupted)
			}
			inputs, err := snapshotInputs([]*snapshot.Snapshot{snap})
			if err != nil {
				return err
			}
			_, err = a.Run(cmd.Context(), inputs)
			return err
		},
	}
	cf.register(cmd.Flags())
	rf.register(cmd.Flags())
	snapUsage := "also write the collected snapshot to this file"
	if p.Fleet != nil {
		snapUsage += "; with a fleet, a directory: one snapshot per account (<provider>-<account>.json)"
	}
	cmd.Flags().StringVar(&snapshotOut, "snapshot-out", "", snapUsage)
	return cmd
}
