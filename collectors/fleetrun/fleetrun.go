// Package fleetrun runs a fleet (collectors.Fleet) the same way for every provider: it lists the
// members, narrows them (--accounts, --exclude-accounts), takes this machine's shard
// (pkg/shard), collects the members a bounded number at a time, and hands each member's outcome
// to the caller as soon as it is known, so that the caller can write or evaluate a snapshot and
// let it go before the next one arrives. It knows nothing of evaluation or reports.
package fleetrun

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/pkg/shard"
	"github.com/incloud/incloud/pkg/snapshot"
)

// DefaultConcurrency is the number of members collected at once unless told otherwise.
const DefaultConcurrency = 4

// Selection says which members of a fleet this run covers.
type Selection struct {
	// Include and Exclude are --accounts and --exclude-accounts (ids or globs).
	Include, Exclude []string
	// Shard is this machine's slice of the selected members (the zero Spec takes them all).
	Shard shard.Spec
}

// Plan lists the fleet's members and returns those the selection covers, in the order of
// their ids, skipped members included (they are reported, never collected). An error listing
// the members, or a pattern that matches nothing, fails the run.
func Plan(ctx context.Context, f collectors.Fleet, sel Selection) ([]collectors.Member, error) {
	all, err := f.Members(ctx)
	if err != nil {
		return nil, fmt.Errorf("list the accounts: %w", err)
	}
	members, err := collectors.SelectMembers(all, sel.Include, sel.Exclude)
	if err != nil {
		return nil, &PatternError{Err: err}
	}
	ids := make([]string, len(members))
	for i, m := range members {
		ids[i] = m.ID
	}
	keep := map[string]bool{}
	for _, id := range sel.Shard.Select(ids) {
		keep[id] = true
	}
	out := make([]collectors.Member, 0, len(keep))
	for _, m := range members {
		if keep[m.ID] {
			out = append(out, m)
		}
	}
	return out, nil
}

// PatternError is an --accounts or --exclude-accounts pattern that is malformed or matches no
// account: bad input, not a failure of the cloud.
type PatternError struct{ Err error }

func (e *PatternError) Error() string { return e.Err.Error() }
func (e *PatternError) Unwrap() error { return e.Err }

// Outcome is what became of one member: exactly one of Snapshot (collected, possibly
// incomplete), Err (could not be collected) or Member.Skip (not collected on purpose).
type Outcome struct {
	Member   collectors.Member
	Snapshot *snapshot.Snapshot
	Err      error
	// Interrupted is set when ctx ended before the member's collection finished or started:
	// its snapshot is incomplete, or Err says it was never collected.
	Interrupted bool
}

// ErrNotStarted is the cause of the Err of a member whose collection never started because
// the run's context ended first.
var ErrNotStarted = errors.New("not collected: the run was stopped before this account's turn")

// Run collects members (from Plan), concurrency at a time (DefaultConcurrency when < 1), and
// calls report once for every member, skipped ones included, as soon as its outcome is known,
// in whatever order they finish. Calls to report never overlap: a slow report (an evaluation)
// holds back the next, so at most concurrency snapshots wait in memory. When ctx ends, the
// members being collected return what they have (incomplete) and the members not yet started
// are reported with ErrNotStarted: no member is ever left out. Run returns when every member
// has been reported.
func Run(ctx context.Context, f collectors.Fleet, members []collectors.Member, concurrency int, report func(Outcome)) {
	if concurrency < 1 {
		concurrency = DefaultConcurrency
	}
	var mu sync.Mutex
	deliver := func(o Outcome) {
		mu.Lock()
		defer mu.Unlock()
		report(o)
	}
	jobs := make(chan collectors.Member)
	var wg sync.WaitGroup
	for w := 0; w < concurrency && w < len(members); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range jobs {
				deliver(collect(ctx, f, m))
			}
		}()
	}
	for _, m := range members {
		switch {
		case m.Skip != "":
			deliver(Outcome{Member: m})
		case ctx.Err() != nil:
			deliver(notStarted(ctx, m))
		default:
			select {
			case jobs <- m:
			case <-ctx.Done():
				deliver(notStarted(ctx, m))
			}
		}
	}
	close(jobs)
	wg.Wait()
}

func notStarted(ctx context.Context, m collectors.Member) Outcome {
	return Outcome{Member: m, Err: fmt.Errorf("%w (%v)", ErrNotStarted, context.Cause(ctx)), Interrupted: true}
}

// collect collects one member; a collector that panics is that member's error, not the run's
// end.
func collect(ctx context.Context, f collectors.Fleet, m collectors.Member) (o Outcome) {
	o.Member = m
	if ctx.Err() != nil {
		return notStarted(ctx, m)
	}
	defer func() {
		if p := recover(); p != nil {
			o.Snapshot, o.Err = nil, fmt.Errorf("collect account %s: panic: %v", m.ID, p)
		}
	}()
	c, err := f.Collector(ctx, m)
	if err != nil {
		o.Err = err
		return o
	}
	snap, err := c.Collect(ctx)
	o.Interrupted = ctx.Err() != nil
	if err != nil {
		o.Err = err
		return o
	}
	if snap.Account != m.ID {
		// The credentials reached another account than the one listed: never report its
		// data under the listed id.
		o.Err = fmt.Errorf("the credentials for account %s reached account %s", m.ID, snap.Account)
		return o
	}
	o.Snapshot = snap
	return o
}
