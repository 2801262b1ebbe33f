// Command incloud audits the customer's half of the cloud shared-responsibility model: it collects
// customer-side configuration into snapshots and evaluates Rego checks over them into findings.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/incloud/incloud/pkg/audit"
)

// exitError carries a process exit code. A nil err means the code speaks for itself (1 for
// findings at or above --fail-on) and nothing more is printed.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError marks bad input (flags, arguments, files): exit code 2.
func usageError(err error) error { return &exitError{code: 2, err: err} }

// The garbage collector keeps Go's default pace (GOGC=100): GOGC=300 made a 50,000-resource
// eval about 5% cheaper in CPU for a 30% higher peak RSS (BenchmarkEvalEndToEnd), and memory is
// what large accounts run out of. A soft memory limit below the machine's or cgroup's memory
// (memoryLimit) makes the collector work harder before the process would be killed. GOGC and
// GOMEMLIMIT, when set, win.
func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		if l := memoryLimit(); l > 0 {
			debug.SetMemoryLimit(l)
		}
	}
	ctx, stop := signalContext()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig syscall.Signal }

func (e signalError) Error() string { return "received " + e.sig.String() }

// exitCode is the shell's convention for a process ended by the signal: 128 + its number.
func (e signalError) exitCode() int { return 128 + int(e.sig) }

// signalContext is cancelled, with a signalError as its cause, by the first SIGINT or SIGTERM;
// a second one ends the process as usual.
func signalContext() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			signal.Stop(ch)
			sig, _ := s.(syscall.Signal)
			cancel(signalError{sig: sig})
		case <-done:
		}
	}()
	return ctx, func() { close(done); signal.Stop(ch); cancel(nil) }
}

// interruptedCode is the exit code of a run stopped by ctx: 128 + the signal, 130 (SIGINT's)
// when no signal is known.
func interruptedCode(ctx context.Context) int {
	var se signalError
	if ctx != nil && errors.As(context.Cause(ctx), &se) && se.sig > 0 {
		return se.exitCode()
	}
	return 130
}

// interruptedError ends a command stopped by a signal, with the signal's exit code.
func interruptedError(cmd *cobra.Command, err error) error {
	return &exitError{code: interruptedCode(cmd.Context()), err: err}
}

// run executes the CLI and returns the process exit code: 0 fine, 1 findings at or above
// --fail-on, 2 usage or input errors (with a one-line message on stderr), 128 + the signal
// when interrupted (130 for Ctrl-C, 143 for SIGTERM).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	code := exitCode(ctx, err)
	var ee *exitError
	if errors.As(err, &ee) && ee.err == nil {
		return code
	}
	fmt.Fprintf(stderr, "incloud: %v\n", err)
	return code
}

// exitCode maps an error to the process exit code.
func exitCode(ctx context.Context, err error) int {
	var (
		ee  *exitError
		in  *audit.InputError
		bad *audit.FailError
		cut *audit.InterruptedError
	)
	switch {
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &in):
		return 2
	case errors.As(err, &bad):
		return 1
	case errors.As(err, &cut):
		return interruptedCode(ctx)
	}
	return 2
}

func init() {
	// --version prints what `incloud version` does.
	cobra.AddTemplateFunc("incloudVersion", func() string {
		var b strings.Builder
		if err := writeVersion(&b); err != nil {
			return fmt.Sprintf("incloud %s\n(%v)\n", buildInfo(), err)
		}
		return b.String()
	})
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "incloud",
		Short: "Audit the customer's side of the cloud shared-responsibility model",
		Long: `incloud snapshots the configuration that is the customer's to secure in the cloud (data,
identities, applications, network controls, governance), evaluates policy-as-code checks over it,
and reports who is responsible for each finding.`,
		Version:       buildInfo().String(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError(fmt.Errorf("%w (see '%s --help')", err, c.CommandPath()))
	})
	root.SetVersionTemplate("{{incloudVersion}}")
	root.AddCommand(newEvalCmd(), newValidateCmd(), newPoliciesCmd(), newVersionCmd(), newFrameworksCmd())
	addExtraCommands(root)
	addTerminalFlags(root)
	useConfigFile(root)
	useBooleanFlagUsage(root)
	registerCompletions(root)
	return root
}
