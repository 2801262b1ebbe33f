package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/incloud/incloud/pkg/audit"
	"github.com/incloud/incloud/pkg/compliance"
	"github.com/incloud/incloud/pkg/engine"
	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/output"
	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
)

// reportFlags are the flags of every command that evaluates and reports (eval, scan).
type reportFlags struct {
	formats      []string
	output       string
	failOn       string
	policyDirs   []string
	checkTimeout time.Duration
	workers      int
	noBuiltin    bool
	waivers      string
	baseline     string
	failOnError  bool
	sel          selectFlags
}

func (f *reportFlags) register(fs *pflag.FlagSet) {
	fs.StringArrayVarP(&f.formats, "format", "f", nil,
		"output format, FORMAT or FORMAT=FILE; repeat for several outputs from one run (formats: "+strings.Join(output.Formats(), ", ")+"; default table)")
	fs.StringVarP(&f.output, "output", "o", "", "write the (single) format without =FILE to this file instead of stdout")
	fs.StringVar(&f.failOn, "fail-on", "", "exit 1 when a check fails at or above this severity (critical, high, medium, low, info); default: never")
	fs.StringArrayVar(&f.policyDirs, "policy-dir", nil, "directory of extra Rego checks (repeatable)")
	fs.BoolVar(&f.noBuiltin, "no-builtin", false, "evaluate only the checks from --policy-dir")
	fs.DurationVar(&f.checkTimeout, "check-timeout", time.Minute, "time limit for one check on one snapshot")
	fs.IntVar(&f.workers, "workers", 0, "checks evaluated at once (default: number of CPUs)")
	fs.StringVar(&f.waivers, "waivers", "", "YAML file of accepted risks: matching failures become waived until they expire")
	fs.BoolVar(&f.failOnError, "fail-on-error", false, "exit 1 when any result is an error or a snapshot is incomplete (so a lost permission cannot keep a pipeline green)")
	f.sel.register(fs)
	fs.StringVar(&f.baseline, "baseline", "", "JSON report of the accepted state: only failures not in it count toward --fail-on")
}

// audit turns the flags into a checked, loaded audit; reads are the files the run reads (no
// output may overwrite them). Bad flags or files are usage errors.
func (f *reportFlags) audit(cmd *cobra.Command, reads []string) (*audit.Audit, error) {
	outs, err := audit.ParseOutputs(f.formats, f.output)
	if err != nil {
		return nil, usageError(err)
	}
	var failOn findings.Severity
	if f.failOn != "" {
		if failOn, err = findings.ParseSeverity(f.failOn); err != nil {
			return nil, usageError(fmt.Errorf("--fail-on: %w", err))
		}
	}
	sel, err := f.sel.criteria()
	if err != nil {
		return nil, usageError(fmt.Errorf("--severity: %w", err))
	}
	catalogue, err := compliance.Load(policies.FS, "frameworks")
	if err != nil {
		return nil, err
	}
	eopts := engine.Options{PolicyDirs: f.policyDirs, CheckTimeout: f.checkTimeout, Workers: f.workers}
	eopts.Builtin, eopts.NoBuiltinChecks = policies.FS, f.noBuiltin // schemas and helpers stay
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	return audit.New(audit.Options{
		Tool:        toolIdentity(),
		Engine:      eopts,
		Schemas:     policies.FS,
		Waivers:     f.waivers,
		Baseline:    f.baseline,
		Outputs:     outs,
		Inputs:      reads,
		FailOn:      failOn,
		FailOnError: f.failOnError,
		Select:      sel,
		Frameworks:  catalogue,
		Stdout:      stdout,
		Color:       useColor(cmd, stdout, true),
		Width:       outputWidth(stdout, true),
		Warn:        func(msg string) { fmt.Fprintf(stderr, "incloud: warning: %s\n", msg) },
	})
}

func newEvalCmd() *cobra.Command {
	var f reportFlags
	cmd := &cobra.Command{
		Use:   "eval SNAPSHOT...",
		Short: "Evaluate the checks over snapshot files and report the findings",
		Example: `  incloud eval testdata/snapshots/aws-demo.json
  incloud eval prod.json --format table --format sarif=incloud.sarif --fail-on high`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError(errors.New("eval needs at least one snapshot file (see 'incloud eval --help')"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := f.audit(cmd, args)
			if err != nil {
				return err
			}
			tuneMemory(filesSize(args))
			inputs := make([]audit.Input, 0, len(args))
			for _, p := range args {
				data, err := os.ReadFile(p)
				if err != nil {
					return usageError(fmt.Errorf("read snapshot: %w", err))
				}
				d, err := snapshot.Read(data)
				if err != nil {
					return usageError(fmt.Errorf("%s: %w", p, err))
				}
				inputs = append(inputs, audit.Input{Name: p, Document: d})
			}
			_, err = a.Run(cmd.Context(), inputs)
			return err
		},
	}
	f.register(cmd.Flags())
	return cmd
}

// snapshotInputs makes audit inputs of collected snapshots.
func snapshotInputs(snaps []*snapshot.Snapshot) ([]audit.Input, error) {
	inputs := make([]audit.Input, len(snaps))
	for i, s := range snaps {
		name := fmt.Sprintf("snapshot of %s account %s", s.Provider, s.Account)
		d, err := s.Document()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		inputs[i] = audit.Input{Name: name, Document: d}
	}
	return inputs, nil
}
