// Package audit runs one audit from snapshots to reports: the schema gate, evaluation, waivers,
// the baseline, the outputs and the --fail-on verdict. Callers (the CLI's eval and scan) only
// turn flags into Options and the errors it returns into exit codes.
package audit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/incloud/incloud/pkg/compliance"
	"github.com/incloud/incloud/pkg/diff"
	"github.com/incloud/incloud/pkg/engine"
	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/responsibility"
	"github.com/incloud/incloud/pkg/selection"
	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/pkg/waivers"
)

// Options configure one audit. Everything given here is checked by New, before any work.
type Options struct {
	// Tool names the program and its version in every report.
	Tool findings.Tool
	// Engine loads the checks.
	Engine engine.Options
	// Schemas holds the resource-type schemas (a schemas/ directory) for the strict validator
	// that explains what the engine's fast shape check rejects.
	Schemas fs.FS
	// Waivers and Baseline are file paths ("" for none).
	Waivers  string
	Baseline string
	// Outputs are the reports to write; an empty Path is Stdout.
	Outputs []Output
	// Inputs are the files the run reads (snapshots): no output may overwrite one. The waivers
	// and baseline files are added by New.
	Inputs []string
	// FailOn makes Run return a *FailError when a failure at or above it remains ("" never).
	FailOn findings.Severity
	// FailOnError makes Run return a *FailError when a result is an error or a snapshot is
	// incomplete: a role that lost a permission cannot keep a pipeline green.
	FailOnError bool
	// Select chooses the checks that run; the others are listed in the report as skipped.
	Select selection.Criteria
	// Frameworks is the control catalogue for the report's compliance view (of Select's
	// framework, or of every framework the evaluated checks map to).
	Frameworks []compliance.Framework
	// Stdout receives the output without a path; Color enables colour there (table only).
	Stdout io.Writer
	Color  bool
	// Width is the line width of table outputs (0 is output.DefaultWidth).
	Width int
	// Warn receives report-level warnings as they are due (nil drops them).
	Warn func(msg string)
	// Now is the wall clock for waiver expiry (nil is time.Now).
	Now func() time.Time
}

// Input is one snapshot read for evaluation (snapshot.Read, or Snapshot.Document for a collected
// one).
type Input struct {
	Name     string
	Document *snapshot.Document
}

// InputError is bad input: a flag, an argument or a file the audit cannot use. Nothing was
// written. The CLI exits 2.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

func inputErr(err error) error { return &InputError{Err: err} }

// FailError says the audit ran and its reports were written, but results remain that the
// options make fatal (--fail-on). The CLI exits 1.
type FailError struct{ Reason string }

func (e *FailError) Error() string { return e.Reason }

// InterruptedError says the context was cancelled during evaluation: no report was written,
// since a report of checks cut short would look complete. Cause is context.Cause of the run's
// context (the CLI puts the signal there).
type InterruptedError struct{ Cause error }

func (e *InterruptedError) Error() string {
	return fmt.Sprintf("evaluation interrupted (%v): no report written", e.Cause)
}
func (e *InterruptedError) Unwrap() error { return e.Cause }

// Audit is a checked, loaded audit, ready to run over snapshots.
type Audit struct {
	opts     Options
	outputs  []Output
	waivers  *waivers.File
	baseline *findings.Report
	engine   *engine.Engine
}

// New checks the options, reads the waivers and baseline and loads the checks, so that bad input
// fails before a snapshot is collected or evaluated. Its errors are *InputError.
func New(opts Options) (*Audit, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Warn == nil {
		opts.Warn = func(string) {}
	}
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Tool.Name == "" {
		opts.Tool.Name = "incloud"
	}
	if opts.FailOn != "" && opts.FailOn.Rank() == 0 {
		return nil, inputErr(fmt.Errorf("--fail-on: unknown severity %q", opts.FailOn))
	}
	reads := append([]string(nil), opts.Inputs...)
	for _, p := range []string{opts.Waivers, opts.Baseline} {
		if p != "" {
			reads = append(reads, p)
		}
	}
	outputs, err := checkOutputs(opts.Outputs, reads)
	if err != nil {
		return nil, inputErr(err)
	}
	a := &Audit{opts: opts, outputs: outputs}
	if opts.Waivers != "" {
		if a.waivers, err = waivers.Load(opts.Waivers); err != nil {
			return nil, inputErr(err)
		}
	}
	if opts.Baseline != "" {
		if a.baseline, err = diff.ReadReport(opts.Baseline, func(w string) { opts.Warn("--baseline: " + w) }); err != nil {
			return nil, inputErr(fmt.Errorf("--baseline: %w", err))
		}
	}
	eopts := opts.Engine
	eopts.Tool = opts.Tool
	if !opts.Select.Empty() {
		eopts.Select = opts.Select.Selected
	}
	if a.engine, err = engine.Load(eopts); err != nil {
		return nil, inputErr(err)
	}
	if err := opts.Select.Check(a.engine.Metadata(), responsibility.AreaIDs(), compliance.Keys(opts.Frameworks)); err != nil {
		return nil, inputErr(err)
	}
	return a, nil
}

// Outcome is what Run produced.
type Outcome struct {
	// Report is the report as written.
	Report *findings.Report
	// Counted are the results --fail-on judges: every result, or with a baseline only the
	// failures not in it.
	Counted []findings.Result
}

// Run evaluates the inputs and writes every output. It releases each input's document
// (snapshot.Document.Release) once evaluated: a document is audited once. It returns a *FailError (after writing)
// when FailOn finds failures, an *InputError when an input does not match the schemas, and an
// *InterruptedError (writing nothing) when ctx is cancelled before the evaluation is complete.
func (a *Audit) Run(ctx context.Context, inputs []Input) (*Outcome, error) {
	if err := a.checkSchemas(inputs); err != nil {
		return nil, err
	}
	targets := make([]*snapshot.Document, len(inputs))
	for i, in := range inputs {
		targets[i] = in.Document
	}
	report, err := a.engine.EvaluateTargets(ctx, targets...)
	// The documents' values are most of the memory of a large audit and the results hold none
	// of them: let them go before the outputs are rendered.
	for _, t := range targets {
		t.Release()
	}
	if ctx.Err() != nil {
		// Checks cut short report "context canceled" errors: never write that as a report.
		return nil, &InterruptedError{Cause: context.Cause(ctx)}
	}
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	return a.finish(report)
}

// finish completes an evaluated report (skipped checks, waivers, the compliance view, the
// baseline), writes every output and judges it (FailOn, FailOnError).
func (a *Audit) finish(report *findings.Report) (*Outcome, error) {
	report.Skipped = a.skipped(report.Targets)

	// Waivers expire by the calendar (today), unlike checks, which judge by collected_at.
	waivers.Apply(report, a.waivers, a.opts.Now())
	// After waivers: a control whose only failures are waived says so.
	report.Compliance = compliance.Build(report, a.engine.Metadata(), a.opts.Frameworks, a.opts.Select.Framework)
	out := &Outcome{Report: report, Counted: report.Results}
	if a.baseline != nil {
		out.Counted = diff.ApplyBaseline(report, a.baseline)
	}
	if err := a.write(report); err != nil {
		return nil, err
	}
	for _, w := range report.Warnings {
		a.opts.Warn(w)
	}
	if n, all := errorCount(report.Results); all {
		a.opts.Warn(fmt.Sprintf("all %d result(s) are errors: nothing could be checked (see the messages: missing permissions, or a snapshot that is not what the checks expect?)", n))
	}
	var reasons []string
	if a.opts.FailOn != "" {
		if n := findings.Failing(out.Counted, a.opts.FailOn); n > 0 {
			reasons = append(reasons, fmt.Sprintf("%d failing result(s) at or above %s", n, a.opts.FailOn))
		}
	}
	if a.opts.FailOnError {
		if n, _ := errorCount(report.Results); n > 0 {
			reasons = append(reasons, fmt.Sprintf("%d error result(s) (--fail-on-error)", n))
		}
		for _, t := range report.Targets {
			switch {
			case t.Skipped != "":
				// Left out on purpose (a suspended account): nothing was lost.
			case t.Error != "":
				reasons = append(reasons, fmt.Sprintf("%s account %s could not be collected (--fail-on-error)", t.Provider, t.Account))
			case !t.Complete:
				reasons = append(reasons, fmt.Sprintf("the snapshot of %s account %s is incomplete (--fail-on-error)", t.Provider, t.Account))
			}
		}
	}
	if len(reasons) > 0 {
		return out, &FailError{Reason: strings.Join(reasons, "; ")}
	}
	return out, nil
}

// skipped lists the checks of the targets' providers that the selection left out.
func (a *Audit) skipped(targets []findings.Target) []findings.SkippedCheck {
	providers := map[string]bool{}
	for _, t := range targets {
		providers[t.Provider] = true
	}
	var checks []findings.Check
	for _, c := range a.engine.Metadata() {
		if providers[c.Provider] {
			checks = append(checks, c)
		}
	}
	return a.opts.Select.Skipped(checks)
}

// errorCount counts error results and says whether there are results and all are errors.
func errorCount(results []findings.Result) (int, bool) {
	n := 0
	for _, r := range results {
		if r.Status == findings.StatusError {
			n++
		}
	}
	return n, n > 0 && n == len(results)
}

// checkSchemas checks every input against the resource-type schemas: a resource of the wrong
// shape could make a check pass that should not (a boolean written as a string, a misspelt
// attribute, a null no collection error explains), so it is an input error.
func (a *Audit) checkSchemas(inputs []Input) error {
	if a.opts.Schemas == nil {
		return errors.New("load schemas: no schema tree given")
	}
	v, err := snapshot.NewValidator(a.opts.Schemas, "schemas")
	if err != nil {
		return fmt.Errorf("load schemas: %w", err)
	}
	for _, in := range inputs {
		if err := v.Check(in.Document); err != nil {
			return inputErr(fmt.Errorf("%s: %w", in.Name, err))
		}
	}
	return nil
}
