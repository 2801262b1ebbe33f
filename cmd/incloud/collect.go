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
	awscollector "github.com/incloud/incloud/collectors/aws"
	"github.com/incloud/incloud/pkg/snapshot"
)

// collectFlags are the flags of every command that collects from AWS (collect aws, scan aws).
type collectFlags struct {
	regions     []string
	services    []string
	profile     string
	endpointURL string
	concurrency int
	timeout     time.Duration
	quiet       bool
}

func (f *collectFlags) register(fs *pflag.FlagSet) {
	fs.StringSliceVar(&f.regions, "regions", nil, "regions to collect, comma-separated (default: every region enabled for the account)")
	fs.StringSliceVar(&f.services, "services", nil, "services to collect, comma-separated (default: all: "+strings.Join(awscollector.ServiceNames(), ", ")+")")
	fs.StringVar(&f.profile, "profile", "", "shared config profile (default: the SDK's standard chain: environment, AWS_PROFILE, SSO, web identity, instance role)")
	fs.StringVar(&f.endpointURL, "endpoint-url", "", "send every API request to this URL (default: AWS's endpoints, or AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>)")
	fs.IntVar(&f.concurrency, "concurrency", collectors.DefaultConcurrency, "API requests in flight at once")
	fs.DurationVar(&f.timeout, "timeout", 0, "stop collecting after this long and keep what was collected, marked incomplete (default: no limit)")
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "no progress on stderr")
}

// check validates the flags before anything is contacted.
func (f *collectFlags) check() error {
	if f.concurrency < 1 {
		return fmt.Errorf("--concurrency must be at least 1, got %d", f.concurrency)
	}
	if f.timeout < 0 {
		return fmt.Errorf("--timeout must not be negative, got %v", f.timeout)
	}
	known := map[string]bool{}
	for _, s := range awscollector.ServiceNames() {
		known[s] = true
	}
	for _, s := range f.services {
		if !known[strings.ToLower(strings.TrimSpace(s))] {
			return fmt.Errorf("--services: unknown AWS service %q (known: %s)", s, strings.Join(awscollector.ServiceNames(), ", "))
		}
	}
	return nil
}

// errInterrupted ends a command whose collection was stopped by Ctrl-C or SIGTERM (exit code
// 130 or 143, as a shell reports them), after what was collected has been written.
var errInterrupted = errors.New("interrupted: the snapshot written is incomplete")

// collectAWS runs the AWS collector with the flags. It returns the snapshot, also when the
// collection was interrupted (complete: false), and whether Ctrl-C interrupted it.
func (f *collectFlags) collectAWS(cmd *cobra.Command) (*snapshot.Snapshot, bool, error) {
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
	cfg, err := awscollector.LoadConfig(ctx, f.profile)
	if err != nil {
		return nil, false, usageError(err)
	}
	stderr := cmd.ErrOrStderr()
	progress := newProgress(stderr, f.quiet, isTerminal(stderr))
	start := time.Now()
	snap, err := awscollector.New(cfg, collectors.Options{
		Regions:     f.regions,
		Services:    f.services,
		Concurrency: f.concurrency,
		EndpointURL: f.endpointURL,
		Progress:    progress,
		Version:     version,
	}).Collect(ctx)
	progress.Close()
	if err != nil {
		return nil, false, err
	}
	n := 0
	for _, rs := range snap.Resources {
		n += len(rs)
	}
	progress.Log(fmt.Sprintf("collected %d resources of account %s in %v, %d collection error(s)",
		n, snap.Account, time.Since(start).Round(time.Millisecond), len(snap.Errors)))
	return snap, parent.Err() != nil, nil
}

func newCollectCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "collect",
		Short: "Snapshot a cloud account's customer-side configuration",
	}
	cmd.AddCommand(newCollectAWSCmd())
	return cmd
}

func newCollectAWSCmd() *cobra.Command {
	var f collectFlags
	var out string
	cmd := &cobra.Command{
		Use:   "aws",
		Short: "Snapshot an AWS account (read-only API calls; see 'incloud permissions aws')",
		Long: `Collects one AWS account's customer-side configuration into a snapshot: IAM, S3 and the
other services of --services, in every enabled region (or --regions). Credentials and endpoints come
from the SDK's standard chain; AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> are honoured. Every
call that fails (AccessDenied, throttling that outlasts the retries, a timeout) is recorded in the
snapshot's errors and the collection goes on. Ctrl-C or --timeout stops it cleanly and writes what
was collected, marked incomplete.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			snap, interrupted, err := f.collectAWS(cmd)
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
