package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/pkg/snapshot"
)

// collectFlags are the flags of every command that collects (collect <provider>, scan
// <provider>): the provider-neutral ones and the provider's own.
type collectFlags struct {
	provider    collectors.Provider
	regions     []string
	services    []string
	own         map[string]*string
	endpointURL string
	concurrency int
	timeout     time.Duration
	quiet       bool
	// fl are the fleet flags, registered when the provider has a fleet mode.
	fl fleetFlags
	// deadline is when --timeout ends a fleet run (fleetContext).
	deadline time.Time
}

func newCollectFlags(p collectors.Provider) *collectFlags {
	return &collectFlags{provider: p, own: map[string]*string{}}
}

func (f *collectFlags) register(fs *pflag.FlagSet) {
	p := f.provider
	fs.StringSliceVar(&f.regions, "regions", nil, "regions to collect, comma-separated (default: "+p.RegionsHelp+")")
	fs.StringSliceVar(&f.services, "services", nil, "services to collect, comma-separated (default: all: "+strings.Join(p.Services(), ", ")+")")
	for _, fl := range p.Flags {
		f.own[fl.Name] = fs.String(fl.Name, "", fl.Usage)
	}
	fs.StringVar(&f.endpointURL, "endpoint-url", "", "send every API request to this URL (default: "+p.EndpointHelp+")")
	fs.IntVar(&f.concurrency, "concurrency", collectors.DefaultConcurrency, "API requests in flight at once")
	fs.DurationVar(&f.timeout, "timeout", 0, "stop collecting after this long and keep what was collected, marked incomplete (default: no limit)")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "no progress on stderr")
	if p.Fleet != nil {
		f.fl.register(p, fs)
	}
}

// options are the collection options of the flags. A fleet's members share them: their
// progress is one line per member (runFleet), the collectors' own notes only.
func (f *collectFlags) options(cmd *cobra.Command, fleet bool) collectors.Options {
	stderr := cmd.ErrOrStderr()
	var progress collectors.Progress = newProgress(stderr, f.quiet, isTerminal(stderr))
	if fleet {
		progress = notesOnly{progress}
	}
	return collectors.Options{
		Regions:     f.regions,
		Services:    f.services,
		Concurrency: f.concurrency,
		EndpointURL: f.endpointURL,
		Progress:    progress,
		Version:     buildInfo().String(),
		Debug:       debugWriter(cmd),
	}
}

// notesOnly passes on a collector's notes (Log) and drops its units of work, which would
// interleave between the members of a fleet.
type notesOnly struct{ collectors.Progress }

func (notesOnly) Planned(int)     {}
func (notesOnly) Finished(string) {}
func (notesOnly) Close()          {}

// check validates the flags before anything is contacted.
func (f *collectFlags) check() error {
	if f.concurrency < 1 {
		return fmt.Errorf("--concurrency must be at least 1, got %d", f.concurrency)
	}
	if f.timeout < 0 {
		return fmt.Errorf("--timeout must not be negative, got %v", f.timeout)
	}
	known := map[string]bool{}
	for _, s := range f.provider.Services() {
		known[s] = true
	}
	for _, s := range f.services {
		if !known[strings.ToLower(strings.TrimSpace(s))] {
			return fmt.Errorf("--services: unknown %s service %q (known: %s)", f.provider.Title, s, strings.Join(f.provider.Services(), ", "))
		}
	}
	return nil
}

// errInterrupted ends a command whose collection was stopped by Ctrl-C or SIGTERM (exit code
// 130 or 143, as a shell reports them), after what was collected has been written.
var errInterrupted = errors.New("interrupted: the snapshot written is incomplete")

// collect runs the provider's collector with the flags. It returns the snapshot, also when the
// collection was interrupted (complete: false), and whether Ctrl-C interrupted it.
func (f *collectFlags) collect(cmd *cobra.Command) (*snapshot.Snapshot, bool, error) {
	if err := f.check(); err != nil {
		return nil, false, usageError(err)
	}
	parent := cmd.Context()
	if parent == nil {
		parent = context.Background()
	}
	ctx := parent
	if f.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(parent, f.timeout)
		defer cancel()
	}
	own := map[string]string{}
	for name, v := range f.own {
		own[name] = *v
	}
	opts := f.options(cmd, false)
	progress := opts.Progress
	c, err := f.provider.New(ctx, own, opts)
	if err != nil {
		return nil, false, usageError(err)
	}
	start := time.Now()
	snap, err := c.Collect(ctx)
	progress.Close()
	if err != nil {
		return nil, false, err
	}
	n := 0
	for _, rs := range snap.Resources {
		n += len(rs)
	}
	progress.Log(fmt.Sprintf("collected %d resources of %s %s in %v, %d collection error(s)",
		n, f.provider.Account, snap.Account, time.Since(start).Round(time.Millisecond), len(snap.Errors)))
	return snap, parent.Err() != nil, nil
}

func newCollectCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "collect",
		Short: "Snapshot a cloud account's customer-side configuration",
	}
	for _, p := range collectors.Providers() {
		cmd.AddCommand(newCollectProviderCmd(p))
	}
	return cmd
}

func newCollectProviderCmd(p collectors.Provider) *cobra.Command {
	f := newCollectFlags(p)
	var out, outDir string
	cmd := &cobra.Command{
		Use:   p.Name,
		Short: fmt.Sprintf("Snapshot one %s (read-only API calls; see 'incloud permissions %s')", p.Account, p.Name),
		Long:  p.CollectHelp,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fleet, err := f.fleet(cmd, "output-dir")
			if err != nil {
				return err
			}
			if fleet != nil {
				return collectFleet(cmd, f, fleet, out, outDir)
			}
			snap, interrupted, err := f.collect(cmd)
			if err != nil {
				return err
			}
			if err := writeSnapshot(cmd, snap, out); err != nil {
				return err
			}
			if interrupted {
				return interruptedError(cmd, errInterrupted)
			}
			return nil
		},
	}
	f.register(cmd.Flags())
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the snapshot to this file (atomically) instead of stdout")
	if p.Fleet != nil {
		cmd.Flags().StringVar(&outDir, "output-dir", "", "with a fleet: write one snapshot per account into this directory (<provider>-<account>.json, atomically)")
	}
	return cmd
}

// writeSnapshot writes a snapshot to path (atomically), or to stdout when path is "".
func writeSnapshot(cmd *cobra.Command, snap *snapshot.Snapshot, path string) error {
	if path != "" {
		if err := snapshot.WriteFile(path, snap); err != nil {
			return fmt.Errorf("write snapshot: %w", err)
		}
		return nil
	}
	data, err := snapshot.Marshal(snap)
	if err != nil {
		return err
	}
	if _, err := cmd.OutOrStdout().Write(data); err != nil {
		return fmt.Errorf("write snapshot to stdout: %w", err)
	}
	return nil
}

// progress reports a collection on stderr: a bar redrawn in place on a terminal, one line
// per finished unit otherwise, nothing when quiet.
type progress struct {
	mu     sync.Mutex
	w      io.Writer
	quiet  bool
	bar    bool
	total  int
	done   int
	drawn  bool
	closed bool
}

var _ collectors.Progress = (*progress)(nil)

func newProgress(w io.Writer, quiet, terminal bool) *progress {
	return &progress{w: w, quiet: quiet, bar: terminal}
}

const barWidth = 30

// Planned implements collectors.Progress.
func (p *progress) Planned(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total += n
	if p.quiet {
		return
	}
	if p.bar {
		p.draw("")
		return
	}
	fmt.Fprintf(p.w, "incloud: collecting %d service-region unit(s)\n", n)
}

// Finished implements collectors.Progress.
func (p *progress) Finished(label string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if p.quiet {
		return
	}
	if p.bar {
		p.draw(label)
		return
	}
	fmt.Fprintf(p.w, "incloud: [%d/%d] %s done\n", p.done, p.total, label)
}

// draw redraws the bar (caller holds p.mu).
func (p *progress) draw(label string) {
	filled := 0
	if p.total > 0 {
		filled = p.done * barWidth / p.total
	}
	fmt.Fprintf(p.w, "\r\x1b[K[%s%s] %d/%d %s", strings.Repeat("#", filled), strings.Repeat(".", barWidth-filled), p.done, p.total, label)
	p.drawn = true
}

// Log implements collectors.Progress.
func (p *progress) Log(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.quiet {
		return
	}
	if p.bar && p.drawn && !p.closed {
		fmt.Fprint(p.w, "\r\x1b[K")
		fmt.Fprintf(p.w, "incloud: %s\n", msg)
		p.draw("")
		return
	}
	fmt.Fprintf(p.w, "incloud: %s\n", msg)
}

// Close implements collectors.Progress.
func (p *progress) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.quiet || p.closed {
		return
	}
	p.closed = true
	if p.bar && p.drawn {
		fmt.Fprintln(p.w)
	}
}
