package audit

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/snapshot"
)

// Accumulator audits the accounts of a fleet one at a time, as their snapshots arrive, and
// makes one report of them all (Finish). Each snapshot is evaluated and released before the
// next, so that memory follows the largest account, not the fleet; the results are those of
// auditing each account alone. Accounts that could not be collected (AddFailed) and accounts
// left out on purpose (AddSkipped) are targets of the report too: none is dropped. Its
// methods are safe for concurrent use; evaluations take turns.
type Accumulator struct {
	a         *Audit
	validator *snapshot.Validator

	mu      sync.Mutex
	targets []findings.Target
	results []findings.Result
	checks  map[string]findings.Check
	seen    map[[2]string]bool
}

// Accumulate starts a fleet audit (the schemas are loaded here, once).
func (a *Audit) Accumulate() (*Accumulator, error) {
	v, err := snapshot.NewValidator(a.opts.Schemas, "schemas")
	if err != nil {
		return nil, fmt.Errorf("load schemas: %w", err)
	}
	return &Accumulator{a: a, validator: v, checks: map[string]findings.Check{}, seen: map[[2]string]bool{}}, nil
}

// Add evaluates one account's snapshot (name is the account's human name, "" when unknown),
// records its target and results, and releases the document. A snapshot that does not match
// the schemas is that account's failure (AddFailed, with the schema error), not the fleet's.
// It returns an *InterruptedError when ctx ends during the evaluation (the account's results
// are then not recorded), and an error when an account is added twice.
func (acc *Accumulator) Add(ctx context.Context, in Input, name string) error {
	defer in.Document.Release()
	if err := acc.validator.Check(in.Document); err != nil {
		reason := fmt.Sprintf("its snapshot does not match the schemas: %v", err)
		acc.a.opts.Warn(fmt.Sprintf("%s: %s", in.Name, reason))
		return acc.AddFailed(ctx, in.Document.Provider, in.Document.Account, name, reason)
	}
	return acc.evaluate(ctx, in.Document, func(t *findings.Target) { t.Name = name })
}

// AddFailed records an account that could not be collected at all: a target carrying reason
// (Target.Error), and an `error` result with the reason for each of its provider's account-level
// checks (the checks of the types the schemas mark as the account itself,
// snapshot.SingletonKeyword), never a pass. The results come from evaluating an empty snapshot
// of the account whose collection errors cover those types (resource id: the account id), so
// that they are exactly what a snapshot that could not read the account would give: "could not
// check: incloud:CollectAccount failed: AccountNotCollected: <reason>".
func (acc *Accumulator) AddFailed(ctx context.Context, provider, account, name, reason string) error {
	// The target never had a collection time (it is left out of the report); the snapshot
	// needs one to be read.
	s := snapshot.New(provider, account, acc.a.opts.Now())
	for _, typ := range acc.validator.Singletons(provider) {
		s.AddError(snapshot.CollectionError{
			ResourceType: typ, ResourceID: account, Region: snapshot.GlobalRegion,
			Operation: "incloud:CollectAccount", Code: "AccountNotCollected", Message: reason,
		})
	}
	s.Complete = false
	d, err := s.Document()
	if err != nil {
		return fmt.Errorf("account %s: %w", account, err)
	}
	defer d.Release()
	return acc.evaluate(ctx, d, func(t *findings.Target) {
		t.Name, t.Error, t.Complete, t.CollectedAt = name, reason, false, time.Time{}
	})
}

// AddSkipped records an account left out on purpose (suspended, closing, disabled): a target
// with the note (Target.Skipped) and no results.
func (acc *Accumulator) AddSkipped(provider, account, name, note string) error {
	acc.mu.Lock()
	defer acc.mu.Unlock()
	if err := acc.claim(provider, account); err != nil {
		return err
	}
	acc.targets = append(acc.targets, findings.Target{Provider: provider, Account: account, Name: name, Skipped: note})
	return nil
}

// claim refuses an account added twice (caller holds acc.mu).
func (acc *Accumulator) claim(provider, account string) error {
	k := [2]string{provider, account}
	if acc.seen[k] {
		return fmt.Errorf("%s account %s added twice to one fleet audit", provider, account)
	}
	acc.seen[k] = true
	return nil
}

// evaluate evaluates one document alone, as a one-account audit would, and records it.
func (acc *Accumulator) evaluate(ctx context.Context, d *snapshot.Document, target func(*findings.Target)) error {
	acc.mu.Lock()
	defer acc.mu.Unlock()
	if err := acc.claim(d.Provider, d.Account); err != nil {
		return err
	}
	report, err := acc.a.engine.EvaluateTargets(ctx, d)
	d.Release()
	if ctx.Err() != nil {
		return &InterruptedError{Cause: context.Cause(ctx)}
	}
	if err != nil {
		return fmt.Errorf("evaluate %s account %s: %w", d.Provider, d.Account, err)
	}
	for _, t := range report.Targets {
		target(&t)
		acc.targets = append(acc.targets, t)
	}
	acc.results = append(acc.results, report.Results...)
	for _, c := range report.Checks {
		acc.checks[c.ID] = c
	}
	return nil
}

// Finish makes the one report of every account added, targets in provider and account order,
// and completes it as Run does: skipped checks, waivers, the compliance view, the baseline,
// every output written, and the verdict (*FailError after writing).
func (acc *Accumulator) Finish(ctx context.Context) (*Outcome, error) {
	acc.mu.Lock()
	defer acc.mu.Unlock()
	// An evaluation of nothing is the report's frame: schema version, tool, generated_at.
	report, err := acc.a.engine.EvaluateTargets(ctx)
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	report.Targets = append([]findings.Target{}, acc.targets...)
	slices.SortFunc(report.Targets, func(a, b findings.Target) int {
		return cmp.Or(cmp.Compare(a.Provider, b.Provider), cmp.Compare(a.Account, b.Account))
	})
	report.Results = findings.Sorted(acc.results)
	report.Summary = findings.Summarize(report.Results)
	report.Checks = report.Checks[:0]
	for _, c := range acc.checks {
		report.Checks = append(report.Checks, c)
	}
	slices.SortFunc(report.Checks, func(a, b findings.Check) int { return cmp.Compare(a.ID, b.ID) })
	return acc.a.finish(report)
}
