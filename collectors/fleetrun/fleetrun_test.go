package fleetrun

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/pkg/shard"
	"github.com/incloud/incloud/pkg/snapshot"
)

// testFleet is a fleet of in-memory members: collecting one waits for its gate (when it has
// one) and returns an empty snapshot of it, or its error.
type testFleet struct {
	members  []collectors.Member
	fail     map[string]error
	gate     map[string]chan struct{}
	inFlight atomic.Int32
	peak     atomic.Int32
}

func (f *testFleet) Members(context.Context) ([]collectors.Member, error) {
	return slices.Clone(f.members), nil
}

func (f *testFleet) Collector(_ context.Context, m collectors.Member) (collectors.Collector, error) {
	return collectorFunc(func(ctx context.Context) (*snapshot.Snapshot, error) {
		n := f.inFlight.Add(1)
		defer f.inFlight.Add(-1)
		for {
			p := f.peak.Load()
			if n <= p || f.peak.CompareAndSwap(p, n) {
				break
			}
		}
		if g := f.gate[m.ID]; g != nil {
			select {
			case <-g:
			case <-ctx.Done():
				s := snapshot.New("aws", m.ID, time.Now())
				s.Complete = false
				return s, nil
			}
		} else {
			time.Sleep(time.Millisecond)
		}
		if err := f.fail[m.ID]; err != nil {
			return nil, err
		}
		return snapshot.New("aws", m.ID, time.Now()), nil
	}), nil
}

type collectorFunc func(context.Context) (*snapshot.Snapshot, error)

func (c collectorFunc) Collect(ctx context.Context) (*snapshot.Snapshot, error) { return c(ctx) }

func fleetOf(n int) *testFleet {
	f := &testFleet{fail: map[string]error{}, gate: map[string]chan struct{}{}}
	for i := range n {
		f.members = append(f.members, collectors.Member{ID: fmt.Sprintf("%012d", 100000000000+i)})
	}
	return f
}

func ids(ms []collectors.Member) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.ID)
	}
	return out
}

// Every selected member falls to exactly one shard, skipped ones included.
func TestPlanShards(t *testing.T) {
	f := fleetOf(40)
	f.members[3].Skip = "SUSPENDED"
	ctx := context.Background()
	all, err := Plan(ctx, f, Selection{Exclude: []string{f.members[0].ID}})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 39 || all[0].ID != f.members[1].ID {
		t.Fatalf("plan without shards: %v", ids(all))
	}
	seen := map[string]int{}
	for i := range 4 {
		part, err := Plan(ctx, f, Selection{Exclude: []string{f.members[0].ID}, Shard: shard.Spec{Index: i, Count: 4}})
		if err != nil {
			t.Fatal(err)
		}
		if len(part) == 0 || len(part) == len(all) {
			t.Errorf("shard %d/4 has %d of %d members", i, len(part), len(all))
		}
		if !slices.IsSorted(ids(part)) {
			t.Errorf("shard %d/4 not in id order: %v", i, ids(part))
		}
		for _, m := range part {
			seen[m.ID]++
		}
	}
	for _, m := range all {
		if seen[m.ID] != 1 {
			t.Errorf("member %s in %d shards", m.ID, seen[m.ID])
		}
	}
	if len(seen) != len(all) {
		t.Errorf("shards cover %d members, want %d", len(seen), len(all))
	}
	if _, err := Plan(ctx, f, Selection{Include: []string{"9*"}}); err == nil {
		t.Error("an --accounts pattern matching nothing was accepted")
	}
}

// Run reports every member once, skipped and failed ones included, never collects more than
// the concurrency at once, and reports a member as soon as it is done, while others still run.
func TestRunReportsEachMemberAsItFinishes(t *testing.T) {
	f := fleetOf(12)
	f.members[2].Skip = "SUSPENDED"
	f.fail[f.members[5].ID] = errors.New("AccessDenied")
	slow := f.members[0].ID
	f.gate[slow] = make(chan struct{})
	var mu sync.Mutex
	got := map[string]Outcome{}
	var order []string
	Run(context.Background(), f, f.members, 3, func(o Outcome) {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := got[o.Member.ID]; dup {
			t.Errorf("member %s reported twice", o.Member.ID)
		}
		got[o.Member.ID] = o
		order = append(order, o.Member.ID)
		// The slow member is released only once all the others are in: they were reported
		// while it was still being collected.
		if len(got) == len(f.members)-1 {
			close(f.gate[slow])
		}
	})
	if len(got) != len(f.members) {
		t.Fatalf("%d of %d members reported", len(got), len(f.members))
	}
	if order[len(order)-1] != slow {
		t.Errorf("the slow member was not reported last: %v", order)
	}
	if p := f.peak.Load(); p > 3 || p < 2 {
		t.Errorf("peak members in flight %d, want at most 3 (and some concurrency)", p)
	}
	for _, m := range f.members {
		o := got[m.ID]
		switch {
		case m.Skip != "":
			if o.Snapshot != nil || o.Err != nil {
				t.Errorf("skipped member %s was collected: %+v", m.ID, o)
			}
		case f.fail[m.ID] != nil:
			if o.Err == nil || o.Snapshot != nil {
				t.Errorf("failing member %s: %+v", m.ID, o)
			}
		default:
			if o.Err != nil || o.Snapshot == nil || o.Snapshot.Account != m.ID {
				t.Errorf("member %s: %+v", m.ID, o)
			}
		}
	}
}

// When the run's context ends, the members being collected come back incomplete and those
// not started are reported as not collected: none is dropped.
func TestRunInterrupted(t *testing.T) {
	f := fleetOf(6)
	for _, m := range f.members {
		f.gate[m.ID] = make(chan struct{}) // never opened
	}
	ctx, cancel := context.WithCancel(context.Background())
	var mu sync.Mutex
	got := map[string]Outcome{}
	go func() {
		for f.inFlight.Load() < 2 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	Run(ctx, f, f.members, 2, func(o Outcome) {
		mu.Lock()
		defer mu.Unlock()
		got[o.Member.ID] = o
	})
	if len(got) != len(f.members) {
		t.Fatalf("%d of %d members reported", len(got), len(f.members))
	}
	partial, notStarted := 0, 0
	for id, o := range got {
		if !o.Interrupted {
			t.Errorf("member %s not marked interrupted: %+v", id, o)
		}
		switch {
		case o.Snapshot != nil && !o.Snapshot.Complete:
			partial++
		case errors.Is(o.Err, ErrNotStarted) && strings.Contains(o.Err.Error(), "canceled"):
			notStarted++
		default:
			t.Errorf("member %s: %+v", id, o)
		}
	}
	if partial != 2 || notStarted != 4 {
		t.Errorf("%d incomplete, %d not started; want 2 and 4", partial, notStarted)
	}
}

// A collector that reaches another account than the listed one is an error, never that
// account's data under the listed id.
func TestRunRefusesAnotherAccount(t *testing.T) {
	f := &wrongAccount{}
	var got Outcome
	Run(context.Background(), f, []collectors.Member{{ID: "111111111111"}}, 1, func(o Outcome) { got = o })
	if got.Err == nil || !strings.Contains(got.Err.Error(), "222222222222") || got.Snapshot != nil {
		t.Errorf("outcome %+v", got)
	}
}

type wrongAccount struct{}

func (wrongAccount) Members(context.Context) ([]collectors.Member, error) { return nil, nil }
func (wrongAccount) Collector(context.Context, collectors.Member) (collectors.Collector, error) {
	return collectorFunc(func(context.Context) (*snapshot.Snapshot, error) {
		return snapshot.New("aws", "222222222222", time.Now()), nil
	}), nil
}
