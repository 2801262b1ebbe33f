package collection

import (
	"context"
	"errors"
	"net"
	"sync"
	"sync/atomic"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/pkg/snapshot"
)

// Classifier turns a failed call's error into the error code and message written into the
// snapshot; ok is false when the error is not one the provider recognises (the run then
// writes "ClientError" and the error text). Providers read their SDK's error types here: AWS
// error codes (AccessDenied, Throttling), Google's 403 reasons, Azure's AuthorizationFailed.
// CommonCode covers what every provider shares and may be called in the middle.
type Classifier func(err error) (code, msg string, ok bool)

// CommonCode classifies the provider-neutral failures: a deadline or cancellation
// (DeadlineExceeded, Canceled) and a network timeout (RequestTimeout).
func CommonCode(err error) (code, msg string, ok bool) {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "DeadlineExceeded", err.Error(), true
	case errors.Is(err, context.Canceled):
		return "Canceled", err.Error(), true
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "RequestTimeout", err.Error(), true
	}
	return "", "", false
}

// Run is the state of one collection: the snapshot being written, the bounded task pool, the
// progress report and the provider's error classifier. A provider's own per-collection state
// (account id, clients' configuration, the shared account and region resources) embeds it.
//
// Tasks run concurrently: they add resources with Add, write attributes with Set and read
// them with Get and ID, never touching a resource map directly once it has been added.
type Run struct {
	ctx      context.Context
	snap     *snapshot.Snapshot
	progress collectors.Progress
	classify Classifier

	sem chan struct{}
	wg  sync.WaitGroup
	mu  sync.Mutex
}

// NewRun starts the state of a collection writing into snap. opts gives the pool size
// (Workers) and the progress report; classify may be nil (CommonCode only).
func NewRun(ctx context.Context, snap *snapshot.Snapshot, opts collectors.Options, classify Classifier) *Run {
	progress := opts.Progress
	if progress == nil {
		progress = collectors.NoProgress{}
	}
	return &Run{ctx: ctx, snap: snap, progress: progress, classify: classify, sem: make(chan struct{}, opts.Workers())}
}

// Snapshot returns the snapshot being written. Use it directly only while no task runs
// (before Services.Collect starts them, in Finish hooks, after Collect returns).
func (r *Run) Snapshot() *snapshot.Snapshot { return r.snap }

// Progress returns the run's progress report.
func (r *Run) Progress() collectors.Progress { return r.progress }

// Target says what a call is about, for the error entry written when it fails.
type Target struct {
	Type, ID, Region string
	// Attrs are the attributes the failure leaves unknown (empty: all of them).
	Attrs []string
}

// ListTarget is the target of a failed list call: every resource of typ in region is unknown.
func ListTarget(typ, region string) Target { return Target{Type: typ, Region: region} }

// Call runs fn, which makes op's request (all pages of it, for a paginated call), with ctx
// marked for op (WithOperation), and records a failure as an error entry for t. It reports
// whether fn succeeded. "Not found" answers that mean "not configured" are data: fn turns
// them into null or false and returns nil, so that no error is recorded.
func (r *Run) Call(ctx context.Context, op *Operation, t Target, fn func(ctx context.Context) error) bool {
	err := fn(WithOperation(ctx, op))
	if err == nil {
		return true
	}
	r.Fail(op, t, err)
	return false
}

// Fail records a failed call of op as an error entry for t.
func (r *Run) Fail(op *Operation, t Target, err error) {
	code, msg := r.Classify(err)
	r.AddError(snapshot.CollectionError{
		ResourceType: t.Type, ResourceID: t.ID, Region: t.Region,
		Operation: op.Name(), Code: code, Message: msg, Attributes: t.Attrs,
	})
}

// Classify returns the error code and message of a failed call.
func (r *Run) Classify(err error) (code, msg string) {
	if r.classify != nil {
		if code, msg, ok := r.classify(err); ok {
			return code, msg
		}
	} else if code, msg, ok := CommonCode(err); ok {
		return code, msg
	}
	return "ClientError", err.Error()
}

// AddError records an error entry that is not a failed call (a region that is not enabled, a
// join that found nothing).
func (r *Run) AddError(e snapshot.CollectionError) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.snap.AddError(e)
}

// Add appends resources to the snapshot. Create a resource with every attribute of its
// schema present (null until read), then Add it, then let tasks Set the attributes. Adding
// none leaves the snapshot as it is.
func (r *Run) Add(typ string, res ...snapshot.Resource) {
	if len(res) == 0 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.snap.Add(typ, res...)
}

// Set sets a resource's attribute. Tasks of one resource run concurrently: always use Set.
func (r *Run) Set(res snapshot.Resource, key string, v any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	res[key] = v
}

// Get reads a resource's attribute.
func (r *Run) Get(res snapshot.Resource, key string) any {
	r.mu.Lock()
	defer r.mu.Unlock()
	return res[key]
}

// Region reads a resource's region under the same lock as Set: a task that names a resource
// in a follow-up call's Target reads it while sibling tasks may be setting other attributes.
func (r *Run) Region(res snapshot.Resource) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return res.Region()
}

// ID reads a resource's id under the same lock as Set.
func (r *Run) ID(res snapshot.Resource) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return res.ID()
}

// Locked runs fn under the run's lock: for state a service's tasks share with its Finish
// hook or with each other, when a mutex of its own would be one lock too many.
func (r *Run) Locked(fn func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fn()
}

// Unit is one service in one region (or the whole account, for a global service): the unit of
// progress. Its tasks run on the run's pool; the unit is finished when its last task returns.
type Unit struct {
	// Service is the service's name; Region the region ("global" for a global service).
	Service, Region string
	// Label names the unit in progress reports ("iam", "kms in eu-west-1").
	Label string

	r       *Run
	pending atomic.Int64
}

// Go schedules fn on the worker pool. Tasks never wait for other tasks: a task that discovers
// more work (a page of buckets, a user's access keys) schedules it with Go and returns, and
// resources are assembled by the tasks writing their attributes (Run.Set). When the run's
// context ends, tasks not yet started are dropped.
func (u *Unit) Go(fn func(ctx context.Context)) {
	r := u.r
	u.pending.Add(1)
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		defer u.done()
		select {
		case r.sem <- struct{}{}:
		case <-r.ctx.Done():
			return
		}
		defer func() { <-r.sem }()
		if r.ctx.Err() != nil {
			return
		}
		fn(r.ctx)
	}()
}

func (u *Unit) done() {
	if u.pending.Add(-1) == 0 {
		u.r.progress.Finished(u.Label)
	}
}
