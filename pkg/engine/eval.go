package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/snapshot"
)

// verdict is what a check said about one resource id.
type verdict struct{ messages []string }

// Evaluate runs every check of each snapshot's provider over that snapshot and returns the report.
func (e *Engine) Evaluate(ctx context.Context, snaps ...*snapshot.Snapshot) (*findings.Report, error) {
	targets := make([]*snapshot.Document, len(snaps))
	for i, s := range snaps {
		t, err := s.Document()
		if err != nil {
			return nil, fmt.Errorf("snapshot of %s account %s: %w", s.Provider, s.Account, err)
		}
		targets[i] = t
	}
	return e.EvaluateTargets(ctx, targets...)
}

// EvaluateTargets runs every check of each document's provider over it and returns the report.
// Each check sees the whole snapshot at once; checks run on a worker pool, each with a timeout;
// a check that fails to evaluate (error, timeout, panic) yields error results, never a crash and
// never a pass.
func (e *Engine) EvaluateTargets(ctx context.Context, targets ...*snapshot.Document) (*findings.Report, error) {
	report := &findings.Report{
		SchemaVersion: findings.ReportSchemaVersion,
		Tool:          e.opts.Tool,
		GeneratedAt:   time.Now().UTC().Truncate(time.Second),
		Results:       []findings.Result{},
		Checks:        []findings.Check{},
	}
	for _, t := range targets {
		if t.Input == nil {
			// Evaluating nothing would find nothing to deny: refuse rather than pass.
			return nil, fmt.Errorf("snapshot of %s account %s: its document was released after an earlier evaluation", t.Provider, t.Account)
		}
	}
	used := map[string]bool{}
	var parts [][]findings.Result
	for _, t := range targets {
		report.Targets = append(report.Targets, findings.Target{Provider: t.Provider, Account: t.Account, CollectedAt: t.CollectedAt, Complete: t.Complete})
		var checks []*Check
		for _, c := range e.checks {
			if c.Provider == t.Provider && (e.opts.Select == nil || e.opts.Select(c.Check)) {
				checks = append(checks, c)
				used[c.ID] = true
			}
		}
		results, err := e.evaluateTarget(ctx, t, checks)
		if err != nil {
			return nil, err
		}
		parts = append(parts, results...)
	}
	for _, c := range e.checks {
		if used[c.ID] {
			report.Checks = append(report.Checks, c.Check)
		}
	}
	report.Results = findings.Sorted(parts...)
	report.Summary = findings.Summarize(report.Results)
	return report, nil
}

// evaluateTarget returns the results of each check over t.
func (e *Engine) evaluateTarget(ctx context.Context, t *snapshot.Document, checks []*Check) ([][]findings.Result, error) {
	out := make([][]findings.Result, len(checks))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < e.opts.Workers && w < len(checks); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i] = e.runCheck(ctx, checks[i], t)
			}
		}()
	}
	var cancelled error
	for _, i := range largestFirst(checks, t) {
		if err := ctx.Err(); err != nil {
			cancelled = err
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if cancelled != nil {
		return nil, fmt.Errorf("evaluation interrupted: %w", cancelled)
	}
	return out, nil
}

// runCheck evaluates one check over one snapshot and turns its verdicts, the snapshot's resources
// of the check's type and the collection errors into exactly one result per resource.
func (e *Engine) runCheck(ctx context.Context, c *Check, t *snapshot.Document) []findings.Result {
	denied, unknown, passed, evalErr := e.evalCheck(ctx, c, t.Input)
	return buildResults(c, t, denied, unknown, passed, evalErr)
}

// buildResults turns a check's verdicts over a document, and the document's collection errors,
// into exactly one result per resource.
func buildResults(c *Check, t *snapshot.Document, denied, unknown, passed map[string]*verdict, evalErr error) (results []findings.Result) {
	b := resultBuilder{check: c, target: t}
	resources := t.Resources[c.ResourceType]
	results = make([]findings.Result, 0, len(resources))
	// isResource tells the ids of the type's resources (each has its result from the loop below);
	// extra holds the ids, and list-error keys, reported after them.
	isResource := func(id string) bool { _, ok := t.Position(c.ResourceType, id); return ok }
	extra := map[string]bool{}
	crossErr := crossTypeErrors(t.Coverage, c)
	for _, r := range resources {
		id := r.ID
		res := b.result(id, r.Region, r.Name)
		switch {
		case evalErr != nil:
			res.Status, res.Message = findings.StatusError, "the check could not be evaluated: "+evalErr.Error()
		case crossErr != "":
			res.Status, res.Message = findings.StatusError, crossErr
		default:
			if why := resourceErrors(t.Coverage, c, r); why != "" {
				res.Status, res.Message = findings.StatusError, why
			} else if v, ok := unknown[id]; ok {
				res.Status, res.Message = findings.StatusError, "could not decide: "+strings.Join(v.messages, "; ")
			} else if v, ok := denied[id]; ok {
				res.Status, res.Message = findings.StatusFail, strings.Join(v.messages, "; ")
			} else {
				res.Status, res.Message = findings.StatusPass, c.passMessage(passed, id, r.Name, r.Region)
			}
		}
		results = append(results, res)
	}
	// Verdicts on ids that are not resources of the type still count: never drop a failure.
	for _, m := range []map[string]*verdict{denied, unknown} {
		var ids []string
		for id := range m {
			if !isResource(id) && !extra[id] {
				ids = append(ids, id)
			}
		}
		sort.Strings(ids)
		for _, id := range ids {
			extra[id] = true
			res := b.result(id, "", "")
			if _, isUnknown := unknown[id]; isUnknown {
				res.Status, res.Message = findings.StatusError, "could not decide: "+strings.Join(m[id].messages, "; ")
			} else {
				res.Status, res.Message = findings.StatusFail, strings.Join(m[id].messages, "; ")
			}
			results = append(results, res)
		}
	}
	// Whole list calls that failed, and errors on resources that never made it into the snapshot.
	for _, ce := range t.Coverage.OfType(c.ResourceType) {
		if ce.ResourceID != "" && (isResource(ce.ResourceID) || extra[ce.ResourceID]) {
			continue
		}
		if !coversAttrs(ce, c) {
			continue
		}
		// An error naming attributes of resources in a region or the whole type left those
		// attributes unknown on the resources listed (marked above), not the list itself.
		if ce.ResourceID == "" && len(ce.Attributes) > 0 {
			continue
		}
		key := ce.ResourceID
		if key == "" {
			key = "\x00list\x00" + ce.Region
		}
		if extra[key] {
			continue
		}
		extra[key] = true
		res := b.result(ce.ResourceID, ce.Region, "")
		res.Status = findings.StatusError
		if ce.ResourceID == "" {
			res.Message = fmt.Sprintf("could not list %s in %s: %s", c.ResourceType, regionOrAll(ce.Region), describeError(ce))
		} else {
			res.Message = "could not check: " + describeError(ce)
		}
		results = append(results, res)
	}
	return results
}

func (e *Engine) evalCheck(ctx context.Context, c *Check, input ast.Value) (denied, unknown, passed map[string]*verdict, err error) {
	ctx, cancel := context.WithTimeout(withAllocationBudget(ctx, e.opts.AllocationBudget), e.opts.CheckTimeout)
	defer cancel()
	defer e.notePeakAllocation(ctx)
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	if denied, err = evalSet(ctx, c.deny, input); err != nil {
		return nil, nil, nil, fmt.Errorf("deny: %w", err)
	}
	if c.hasUnknown {
		if unknown, err = evalSet(ctx, c.unknown, input); err != nil {
			return nil, nil, nil, fmt.Errorf("unknown: %w", err)
		}
	}
	if c.hasPass {
		if passed, err = evalSet(ctx, c.pass, input); err != nil {
			return nil, nil, nil, fmt.Errorf("pass: %w", err)
		}
	}
	return denied, unknown, passed, nil
}

func evalSet(ctx context.Context, q rego.PreparedEvalQuery, input ast.Value) (map[string]*verdict, error) {
	// The set is read as OPA's value (keepTerm), not converted to Go values first.
	rs, err := q.Eval(ctx, rego.EvalParsedInput(input), rego.EvalGenerateJSON(keepTerm))
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, fmt.Errorf("timed out: %w", err)
		}
		return nil, err
	}
	out := map[string]*verdict{}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return out, nil
	}
	term, _ := rs[0].Expressions[0].Value.(*ast.Term)
	var items []*ast.Term
	switch coll := term.Value.(type) {
	case ast.Set:
		items = coll.Slice()
	case *ast.Array:
		items = make([]*ast.Term, 0, coll.Len())
		coll.Foreach(func(t *ast.Term) { items = append(items, t) })
	default:
		return nil, fmt.Errorf("want a set of {\"resource_id\", \"message\"} objects, got %T", jsonValue(term))
	}
	for _, it := range items {
		obj, ok := it.Value.(ast.Object)
		if !ok {
			return nil, fmt.Errorf("want {\"resource_id\", \"message\"} objects, got %v", jsonValue(it))
		}
		id, _ := termString(obj.Get(resourceIDKey))
		if id == "" {
			return nil, fmt.Errorf("an entry has no string resource_id: %v", jsonValue(it))
		}
		m := obj.Get(messageKey)
		msg, _ := termString(m)
		if msg == "" {
			if m == nil {
				msg = fmt.Sprint(nil)
			} else {
				msg = fmt.Sprint(jsonValue(m))
			}
		}
		v := out[id]
		if v == nil {
			v = &verdict{}
			out[id] = v
		}
		v.messages = append(v.messages, msg)
	}
	for _, v := range out {
		sort.Strings(v.messages)
	}
	return out, nil
}

var (
	resourceIDKey = ast.StringTerm("resource_id")
	messageKey    = ast.StringTerm("message")
)

// keepTerm is a rego.EvalGenerateJSON that leaves a result as OPA's value.
func keepTerm(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil }

// jsonValue is t as a Go value (as OPA converts results), for messages.
func jsonValue(t *ast.Term) any {
	v, err := ast.JSON(t.Value)
	if err != nil {
		return t.String()
	}
	return v
}

// termString is t's string, if t is one.
func termString(t *ast.Term) (string, bool) {
	if t == nil {
		return "", false
	}
	s, ok := t.Value.(ast.String)
	return string(s), ok
}

type resultBuilder struct {
	check  *Check
	target *snapshot.Document
}

func (b resultBuilder) result(id, region, resourceName string) findings.Result {
	c := b.check
	return findings.Result{
		CheckID:      c.ID,
		Title:        c.Title,
		Severity:     c.Severity,
		Area:         c.Area,
		ServiceModel: c.ServiceModel,
		Provider:     b.target.Provider,
		Account:      b.target.Account,
		Region:       region,
		ResourceID:   id,
		ResourceName: resourceName,
		ResourceType: c.ResourceType,
		Frameworks:   c.Frameworks,
		Remediation:  c.Remediation,
		Fingerprint:  findings.Fingerprint(c.ID, b.target.Provider, b.target.Account, region, c.ResourceType, id),
	}
}

func regionOrAll(r string) string {
	if r == "" {
		return "any region"
	}
	return r
}

func describeError(ce snapshot.CollectionError) string {
	msg := fmt.Sprintf("%s failed: %s", ce.Operation, ce.Code)
	if ce.Message != "" {
		msg += ": " + ce.Message
	}
	return msg
}

// largestFirst orders check indexes by the number of resources of their type, largest first, so
// that the longest evaluations start early and the workers finish together.
func largestFirst(checks []*Check, t *snapshot.Document) []int {
	order := make([]int, len(checks))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return len(t.Resources[checks[order[a]].ResourceType]) > len(t.Resources[checks[order[b]].ResourceType])
	})
	return order
}
