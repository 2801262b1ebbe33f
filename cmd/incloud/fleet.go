package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/fleetrun"
	"github.com/incloud/incloud/pkg/audit"
	"github.com/incloud/incloud/pkg/shard"
	"github.com/incloud/incloud/pkg/snapshot"
)

// fleetFlags are the fleet-mode flags of collect <provider> and scan <provider>, for a
// provider with Provider.Fleet: the provider-neutral ones and the provider's FleetFlags.
type fleetFlags struct {
	fs                 *pflag.FlagSet
	accounts, exclude  []string
	accountConcurrency int
	shard              string
	shardCount         int
	strs               map[string]*string
	bools              map[string]*bool
	lists              map[string]*[]string
}

func (f *fleetFlags) register(p collectors.Provider, fs *pflag.FlagSet) {
	f.fs = fs
	f.strs, f.bools, f.lists = map[string]*string{}, map[string]*bool{}, map[string]*[]string{}
	for _, fl := range p.FleetFlags {
		switch {
		case fl.Bool:
			f.bools[fl.Name] = fs.Bool(fl.Name, false, fl.Usage)
		case fl.List:
			f.lists[fl.Name] = fs.StringSlice(fl.Name, nil, fl.Usage)
		default:
			f.strs[fl.Name] = fs.String(fl.Name, "", fl.Usage)
		}
	}
	fs.StringSliceVar(&f.accounts, "accounts", nil, "only these "+p.Account+"s of the fleet: ids or globs, comma-separated")
	fs.StringSliceVar(&f.exclude, "exclude-accounts", nil, "leave out these "+p.Account+"s of the fleet: ids or globs, comma-separated")
	fs.IntVar(&f.accountConcurrency, "account-concurrency", fleetrun.DefaultConcurrency, "accounts of the fleet collected at once (each with --concurrency requests)")
	fs.StringVar(&f.shard, "shard", "", "audit only shard INDEX/COUNT of the fleet's accounts (indices from 0; a stable hash of each account id)")
	fs.IntVar(&f.shardCount, "shard-count", 0, "number of shards, the index taken from "+shard.EnvIndex+" (a Kubernetes Indexed Job) when --shard is not given")
}

// used lists the fleet-only flags given, for the error when they are given without a fleet.
func (f *fleetFlags) used(extra ...string) []string {
	var out []string
	for _, name := range append([]string{"accounts", "exclude-accounts", "account-concurrency", "shard", "shard-count"}, extra...) {
		if fl := f.fs.Lookup(name); fl != nil && fl.Changed {
			out = append(out, "--"+name)
		}
	}
	return out
}

// fleet returns the fleet the flags ask for, or nil when they ask for one account. Fleet-only
// flags without a fleet, and the provider's refusals, are usage errors.
func (f *collectFlags) fleet(cmd *cobra.Command, extra ...string) (collectors.Fleet, error) {
	p := f.provider
	if p.Fleet == nil {
		return nil, nil
	}
	if err := f.check(); err != nil {
		return nil, usageError(err)
	}
	flags := map[string]string{}
	for name, v := range f.own {
		flags[name] = *v
	}
	for name, v := range f.fl.strs {
		flags[name] = *v
	}
	for name, v := range f.fl.bools {
		if *v {
			flags[name] = "true"
		}
	}
	for name, v := range f.fl.lists {
		if len(*v) > 0 {
			flags[name] = strings.Join(*v, ",")
		}
	}
	fleet, err := p.Fleet(cmdContext(cmd), collectors.FleetRequest{Flags: flags, Accounts: f.fl.accounts, Options: f.options(cmd, true)})
	if err != nil {
		return nil, usageError(err)
	}
	if fleet == nil {
		if used := f.fl.used(extra...); len(used) > 0 {
			var names []string
			for _, fl := range p.FleetFlags {
				names = append(names, "--"+fl.Name)
			}
			return nil, usageError(fmt.Errorf("%s: only for a fleet of %ss (%s)", strings.Join(used, ", "), p.Account, strings.Join(names, ", ")))
		}
		return nil, nil
	}
	if f.fl.accountConcurrency < 1 {
		return nil, usageError(fmt.Errorf("--account-concurrency must be at least 1, got %d", f.fl.accountConcurrency))
	}
	return fleet, nil
}

func cmdContext(cmd *cobra.Command) context.Context {
	if ctx := cmd.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}

// plan lists the fleet's members and takes this run's slice (--accounts, --exclude-accounts,
// --shard). Bad selection flags are usage errors; a listing that fails is not.
func (f *collectFlags) plan(cmd *cobra.Command, fleet collectors.Fleet) ([]collectors.Member, error) {
	spec, err := shard.Parse(f.fl.shard, f.fl.shardCount, os.Getenv)
	if err != nil {
		return nil, usageError(err)
	}
	ctx, cancel := f.fleetContext(cmd)
	defer cancel()
	members, err := fleetrun.Plan(ctx, fleet, fleetrun.Selection{Include: f.fl.accounts, Exclude: f.fl.exclude, Shard: spec})
	if err != nil {
		var pe *fleetrun.PatternError
		if errors.As(err, &pe) {
			return nil, usageError(err)
		}
		return nil, err
	}
	skipped := 0
	for _, m := range members {
		if m.Skip != "" {
			skipped++
		}
	}
	where := ""
	if spec.Enabled() {
		where = " in shard " + spec.String()
	}
	f.logf(cmd, "%d %s(s)%s: %d to collect, %d skipped", len(members), f.provider.Account, where, len(members)-skipped, skipped)
	return members, nil
}

// fleetContext is the command's context, ending --timeout after the fleet's listing started:
// one deadline for the listing and the collection.
func (f *collectFlags) fleetContext(cmd *cobra.Command) (context.Context, context.CancelFunc) {
	ctx := cmdContext(cmd)
	if f.timeout <= 0 {
		return ctx, func() {}
	}
	if f.deadline.IsZero() {
		f.deadline = time.Now().Add(f.timeout)
	}
	return context.WithDeadline(ctx, f.deadline)
}

// runFleet collects the members and hands each outcome to report as it comes. It returns
// whether Ctrl-C (not --timeout) stopped the run.
func (f *collectFlags) runFleet(cmd *cobra.Command, fleet collectors.Fleet, members []collectors.Member, report func(fleetrun.Outcome)) bool {
	parent := cmdContext(cmd)
	ctx, cancel := f.fleetContext(cmd)
	defer cancel()
	done, total := 0, 0
	for _, m := range members {
		if m.Skip == "" {
			total++
		}
	}
	start := time.Now()
	fleetrun.Run(ctx, fleet, members, f.fl.accountConcurrency, func(o fleetrun.Outcome) {
		who := describeMember(f.provider, o.Member)
		switch {
		case o.Member.Skip != "":
			f.logf(cmd, "%s: skipped: %s", who, o.Member.Skip)
		case o.Err != nil:
			done++
			// Always on stderr, --quiet or not: an account that was not audited must be seen.
			fmt.Fprintf(cmd.ErrOrStderr(), "incloud: [%d/%d] %s: not collected: %v\n", done, total, who, o.Err)
		default:
			done++
			n := 0
			for _, rs := range o.Snapshot.Resources {
				n += len(rs)
			}
			state := ""
			if !o.Snapshot.Complete {
				state = ", incomplete"
			}
			f.logf(cmd, "[%d/%d] %s: %d resources, %d collection error(s)%s (%v elapsed)", done, total, who, n, len(o.Snapshot.Errors), state, time.Since(start).Round(time.Millisecond))
		}
		report(o)
	})
	return parent.Err() != nil
}

func describeMember(p collectors.Provider, m collectors.Member) string {
	s := p.Account + " " + m.ID
	if m.Name != "" {
		s += " (" + m.Name + ")"
	}
	return s
}

// logf writes a progress line on stderr unless --quiet.
func (f *collectFlags) logf(cmd *cobra.Command, format string, args ...any) {
	if !f.quiet {
		fmt.Fprintf(cmd.ErrOrStderr(), "incloud: "+format+"\n", args...)
	}
}

var unsafeFileChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// memberFile is the snapshot file of a member in dir: <provider>-<account>.json.
func memberFile(dir, provider, account string) string {
	return filepath.Join(dir, provider+"-"+unsafeFileChars.ReplaceAllString(account, "_")+".json")
}

// snapshotDir makes sure dir exists (a usage error when it cannot be made).
func snapshotDir(dir, flag string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return usageError(fmt.Errorf("%s: %w", flag, err))
	}
	return nil
}

// writeMemberSnapshot writes a member's snapshot into dir, atomically.
func writeMemberSnapshot(dir string, snap *snapshot.Snapshot) error {
	p := memberFile(dir, snap.Provider, snap.Account)
	if err := snapshot.WriteFile(p, snap); err != nil {
		return fmt.Errorf("write the snapshot of account %s: %w", snap.Account, err)
	}
	return nil
}

// collectFleet is collect <provider> over a fleet: one snapshot per member into outDir, or the
// one selected member's snapshot to out (stdout when ""). A member that could not be collected
// gets no file and its error on stderr; the run goes on, and ends with exit code 1.
func collectFleet(cmd *cobra.Command, f *collectFlags, fleet collectors.Fleet, out, outDir string) error {
	if out != "" && outDir != "" {
		return usageError(errors.New("--output and --output-dir: give one (--output-dir for one snapshot per account)"))
	}
	members, err := f.plan(cmd, fleet)
	if err != nil {
		return err
	}
	single := outDir == ""
	if single && len(members) == 1 && members[0].Skip != "" {
		return &exitError{code: 1, err: fmt.Errorf("%s: skipped: %s", describeMember(f.provider, members[0]), members[0].Skip)}
	}
	if single && len(members) != 1 {
		return usageError(fmt.Errorf("%d %ss selected: give --output-dir DIR for one snapshot each (%s-<account>.json)", len(members), f.provider.Account, f.provider.Name))
	}
	if !single {
		if err := snapshotDir(outDir, "--output-dir"); err != nil {
			return err
		}
	}
	var failed []string
	var singleErr error
	interrupted := f.runFleet(cmd, fleet, members, func(o fleetrun.Outcome) {
		switch {
		case o.Member.Skip != "":
		case o.Err != nil:
			failed = append(failed, o.Member.ID)
			singleErr = o.Err
		case single:
			if err := writeSnapshot(cmd, o.Snapshot, out); err != nil {
				failed, singleErr = append(failed, o.Member.ID), err
			}
		default:
			if err := writeMemberSnapshot(outDir, o.Snapshot); err != nil {
				failed = append(failed, o.Member.ID)
				fmt.Fprintf(cmd.ErrOrStderr(), "incloud: %v\n", err)
			}
		}
	})
	switch {
	case interrupted:
		return interruptedError(cmd, fmt.Errorf("interrupted: the snapshots written are incomplete, %d account(s) not collected", len(failed)))
	case single && singleErr != nil:
		return singleErr
	case len(failed) > 0:
		return &exitError{code: 1, err: fmt.Errorf("%d of %d %s(s) not collected (%s; see above); the other snapshots are in %s",
			len(failed), len(members), f.provider.Account, strings.Join(failed, ", "), outDir)}
	}
	return nil
}

// fleetScanHelp is the fleet paragraph of scan <provider>'s help.
func fleetScanHelp(p collectors.Provider) string {
	if p.Fleet == nil {
		return ""
	}
	return `

With a fleet (` + fleetFlagNames(p) + `, --accounts), every account is collected
(--account-concurrency at a time) and evaluated as it arrives, and ONE report lists every account
in its targets: an account that could not be collected carries the error and 'error' results for
its account-level checks; a suspended or disabled one is listed as skipped. --shard INDEX/COUNT
(or --shard-count N with JOB_COMPLETION_INDEX) audits a slice; 'incloud merge' joins the slices.
--snapshot-out is then a directory.`
}

func fleetFlagNames(p collectors.Provider) string {
	var names []string
	for _, fl := range p.FleetFlags {
		names = append(names, "--"+fl.Name)
	}
	return strings.Join(names, ", ")
}

// scanFleet is scan <provider> over a fleet: each member's snapshot is evaluated as it
// arrives and released (audit.Accumulator), and one report of every member is written at the
// end. Ctrl-C writes no report (as for one account), but the snapshots already written to
// snapDir stay.
func scanFleet(cmd *cobra.Command, f *collectFlags, a *audit.Audit, fleet collectors.Fleet, snapDir string) error {
	acc, err := a.Accumulate()
	if err != nil {
		return err
	}
	if snapDir != "" {
		if err := snapshotDir(snapDir, "--snapshot-out"); err != nil {
			return err
		}
	}
	members, err := f.plan(cmd, fleet)
	if err != nil {
		return err
	}
	ctx := cmdContext(cmd)
	var firstErr error
	keep := func(err error) {
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	provider := f.provider.Name
	interrupted := f.runFleet(cmd, fleet, members, func(o fleetrun.Outcome) {
		m := o.Member
		switch {
		case m.Skip != "":
			keep(acc.AddSkipped(provider, m.ID, m.Name, m.Skip))
			return
		case o.Err != nil:
			if ctx.Err() == nil {
				keep(acc.AddFailed(ctx, provider, m.ID, m.Name, o.Err.Error()))
			}
			return
		}
		if snapDir != "" {
			keep(writeMemberSnapshot(snapDir, o.Snapshot))
		}
		if ctx.Err() != nil || firstErr != nil {
			return // no report will be written: do not evaluate
		}
		d, err := o.Snapshot.Document()
		if err != nil {
			keep(fmt.Errorf("snapshot of %s account %s: %w", provider, m.ID, err))
			return
		}
		o.Snapshot = nil
		keep(acc.Add(ctx, audit.Input{Name: fmt.Sprintf("snapshot of %s account %s", provider, m.ID), Document: d}, m.Name))
	})
	if interrupted {
		return interruptedError(cmd, errors.New("interrupted: no report written (a report of the accounts collected so far would look complete)"))
	}
	if firstErr != nil {
		return firstErr
	}
	_, err = acc.Finish(ctx)
	return err
}
