package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/incloud/incloud/pkg/atomicfile"
	"github.com/incloud/incloud/pkg/diff"
	"github.com/incloud/incloud/pkg/engine"
	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/output"
	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/pkg/waivers"
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
	fs.StringVar(&f.baseline, "baseline", "", "JSON report of an earlier run: only failures not in it count toward --fail-on")
}

// outputSpec is one requested output: a format and where it goes ("" is stdout).
type outputSpec struct {
	format string
	path   string
}

// plan checks every flag before any work is done, so bad input fails fast with exit code 2.
func (f *reportFlags) plan() ([]outputSpec, findings.Severity, error) {
	var failOn findings.Severity
	if f.failOn != "" {
		sev, err := findings.ParseSeverity(f.failOn)
		if err != nil {
			return nil, "", fmt.Errorf("--fail-on: %w", err)
		}
		failOn = sev
	}
	raw := f.formats
	if len(raw) == 0 {
		raw = []string{"table"}
	}
	var specs []outputSpec
	stdout, seenPath := 0, map[string]bool{}
	for _, r := range raw {
		name, path, hasPath := strings.Cut(r, "=")
		if _, err := output.Lookup(name); err != nil {
			return nil, "", fmt.Errorf("--format: %w", err)
		}
		if hasPath && path == "" {
			return nil, "", fmt.Errorf("--format %s: empty file name after '='", r)
		}
		if !hasPath && f.output != "" {
			path = f.output
		}
		if path == "" || path == "-" {
			path = ""
			stdout++
		} else if seenPath[path] {
			return nil, "", fmt.Errorf("--format: %s is the target of two outputs", path)
		}
		seenPath[path] = true
		specs = append(specs, outputSpec{format: name, path: path})
	}
	if stdout > 1 {
		return nil, "", errors.New("--format: only one output can go to stdout; give the others a file (FORMAT=FILE)")
	}
	return specs, failOn, nil
}

func (f *reportFlags) engineOptions() engine.Options {
	opts := engine.Options{PolicyDirs: f.policyDirs, CheckTimeout: f.checkTimeout, Workers: f.workers}
	if !f.noBuiltin {
		opts.Builtin = policies.FS
	}
	return opts
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
			if _, _, err := f.plan(); err != nil {
				return usageError(err)
			}
			inputs := make([]evalInput, 0, len(args))
			for _, p := range args {
				data, err := os.ReadFile(p)
				if err != nil {
					return usageError(fmt.Errorf("read snapshot: %w", err))
				}
				t, err := engine.ParseTarget(data)
				if err != nil {
					return usageError(fmt.Errorf("%s: %w", p, err))
				}
				inputs = append(inputs, evalInput{name: p, target: t, strict: func() (*snapshot.Snapshot, error) { return snapshot.Parse(data) }})
			}
			return evaluateTargetsAndReport(cmd, inputs, &f)
		},
	}
	f.register(cmd.Flags())
	return cmd
}

// evaluateAndReport evaluates snapshots, writes every requested output and returns an exitError
// with code 1 when a failure at or above --fail-on remains.
func evaluateAndReport(cmd *cobra.Command, snaps []*snapshot.Snapshot, f *reportFlags) error {
	inputs := make([]evalInput, len(snaps))
	for i, s := range snaps {
		t, err := engine.NewTarget(s)
		if err != nil {
			return fmt.Errorf("snapshot of %s account %s: %w", s.Provider, s.Account, err)
		}
		inputs[i] = evalInput{name: fmt.Sprintf("snapshot of %s account %s", s.Provider, s.Account), target: t,
			strict: func() (*snapshot.Snapshot, error) { return s, nil }}
	}
	return evaluateTargetsAndReport(cmd, inputs, f)
}

// evalInput is one snapshot read for evaluation. strict gives it as snapshot.Parse reads it, for
// the full schema validator's account of a problem the engine's fast shape check found.
type evalInput struct {
	name   string
	target *engine.Target
	strict func() (*snapshot.Snapshot, error)
}

// checkSchemas checks every input against the resource-type schemas: a resource of the wrong
// shape could make a check pass that should not (a boolean written as a string, a misspelt
// attribute), so it is an input error. The engine's fast check runs first; the full validator
// is asked only about what it flags, and has the last word.
func checkSchemas(eng *engine.Engine, inputs []evalInput) error {
	var validator *snapshot.Validator
	for _, in := range inputs {
		if eng.CheckShapes(in.target) == nil {
			continue
		}
		if validator == nil {
			v, err := snapshot.NewValidator(policies.FS, "schemas")
			if err != nil {
				return fmt.Errorf("load schemas: %w", err)
			}
			validator = v
		}
		s, err := in.strict()
		if err != nil {
			return usageError(fmt.Errorf("%s: %w", in.name, err))
		}
		if errs := validator.Validate(s); len(errs) > 0 {
			more := ""
			if len(errs) > 1 {
				more = fmt.Sprintf(" (and %d more problem(s): see 'incloud validate')", len(errs)-1)
			}
			return usageError(fmt.Errorf("%s: does not match the resource schemas: %v%s", in.name, errs[0], more))
		}
	}
	return nil
}

// evaluateTargetsAndReport is evaluateAndReport for snapshots already read for evaluation.
func evaluateTargetsAndReport(cmd *cobra.Command, inputs []evalInput, f *reportFlags) error {
	specs, failOn, err := f.plan()
	if err != nil {
		return usageError(err)
	}
	// Read every input before evaluating, so a bad file fails fast and nothing is written.
	var wf *waivers.File
	if f.waivers != "" {
		if wf, err = waivers.Load(f.waivers); err != nil {
			return usageError(err)
		}
	}
	var baseline *findings.Report
	if f.baseline != "" {
		if baseline, err = diff.ReadReport(f.baseline); err != nil {
			return usageError(fmt.Errorf("--baseline: %w", err))
		}
	}
	eng, err := engine.Load(f.engineOptions())
	if err != nil {
		return usageError(err)
	}
	if err := checkSchemas(eng, inputs); err != nil {
		return err
	}
	targets := make([]*engine.Target, len(inputs))
	for i, in := range inputs {
		targets[i] = in.target
	}
	report, err := eng.EvaluateTargets(cmd.Context(), targets...)
	if err != nil {
		return fmt.Errorf("evaluate: %w", err)
	}
	// Waivers expire by the calendar (today), unlike checks, which judge by collected_at.
	waivers.Apply(report, wf, time.Now())
	counted := report.Results
	if baseline != nil {
		counted = diff.ApplyBaseline(report, baseline)
	}
	if err := writeOutputs(cmd, report, specs); err != nil {
		return err
	}
	for _, w := range report.Warnings {
		fmt.Fprintf(cmd.ErrOrStderr(), "incloud: warning: %s\n", w)
	}
	if failOn != "" {
		if n := findings.Failing(counted, failOn); n > 0 {
			fmt.Fprintf(cmd.ErrOrStderr(), "incloud: %d failing result(s) at or above %s\n", n, failOn)
			return &exitError{code: 1}
		}
	}
	return nil
}

// writeOutputs renders every output in memory first, then writes files atomically, so a failure
// never leaves a half-written report or replaces a previous one with garbage.
func writeOutputs(cmd *cobra.Command, report *findings.Report, specs []outputSpec) error {
	stdout := cmd.OutOrStdout()
	rendered := make([][]byte, len(specs))
	for i, s := range specs {
		var buf bytes.Buffer
		opts := output.Options{
			Color: s.path == "" && isTerminal(stdout) && os.Getenv("NO_COLOR") == "",
			Warn:  func(msg string) { fmt.Fprintf(cmd.ErrOrStderr(), "incloud: warning: %s\n", msg) },
		}
		if err := output.Write(s.format, &buf, report, opts); err != nil {
			return err
		}
		rendered[i] = buf.Bytes()
	}
	for i, s := range specs {
		if s.path == "" {
			if _, err := stdout.Write(rendered[i]); err != nil {
				return fmt.Errorf("write %s to stdout: %w", s.format, err)
			}
			continue
		}
		data := rendered[i]
		if err := atomicfile.Write(s.path, 0o644, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return fmt.Errorf("write %s report: %w", s.format, err)
		}
	}
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
