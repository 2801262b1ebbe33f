package aws

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/smithy-go"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/pkg/snapshot"
)

// Defaults used when collectors.Options leaves a setting zero.
const (
	DefaultRequestTimeout   = 30 * time.Second
	DefaultRetryMaxAttempts = 8
	// defaultHomeRegion is where global calls (STS, IAM, S3 ListBuckets, DescribeRegions) go
	// when the configuration names no region.
	defaultHomeRegion = "us-east-1"
)

// CollectorName is written into every snapshot's collector.name.
const CollectorName = "incloud-aws"

// retryMode is the SDK retry mode of every client: adaptive, which adds client-side rate
// limiting once AWS throttles. Tests switch to standard mode: adaptive mode's rate limiter
// sleeps for seconds after a throttle, and what they check is that throttled calls are retried.
var retryMode = aws.RetryModeAdaptive

// Collector snapshots one AWS account.
type Collector struct {
	cfg  aws.Config
	opts collectors.Options
}

var _ collectors.Collector = (*Collector)(nil)

// LoadConfig loads the SDK's standard configuration chain (environment, shared config and
// profiles, SSO, web identity, container and instance roles), with profile when it is not empty.
// The standard AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> variables stay in effect.
func LoadConfig(ctx context.Context, profile string) (aws.Config, error) {
	var fns []func(*config.LoadOptions) error
	if profile != "" {
		fns = append(fns, config.WithSharedConfigProfile(profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, fns...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("load AWS configuration: %w", err)
	}
	return cfg, nil
}

// New returns a collector for the account cfg's credentials belong to. It sets the retry mode
// to adaptive, the per-attempt timeout, and the guard that only lets registered operations
// through.
func New(cfg aws.Config, opts collectors.Options) *Collector {
	cfg = cfg.Copy()
	if cfg.Region == "" {
		cfg.Region = defaultHomeRegion
	}
	// Attempts: the option, else the SDK configuration's (AWS_MAX_ATTEMPTS, max_attempts in
	// the profile), else the default.
	attempts := opts.RetryMaxAttempts
	if attempts <= 0 {
		attempts = cfg.RetryMaxAttempts
	}
	if attempts <= 0 {
		attempts = DefaultRetryMaxAttempts
	}
	// Adaptive retries unless the configuration asks for standard mode (AWS_RETRY_MODE).
	mode := retryMode
	if cfg.RetryMode == aws.RetryModeStandard {
		mode = aws.RetryModeStandard
	}
	maxBackoff := opts.RetryMaxBackoff
	cfg.RetryMaxAttempts = attempts
	cfg.RetryMode = mode
	standard := func(so *retry.StandardOptions) {
		so.MaxAttempts = attempts
		if maxBackoff > 0 {
			so.MaxBackoff = maxBackoff
			so.Backoff = retry.NewExponentialJitterBackoff(maxBackoff)
		}
	}
	cfg.Retryer = func() aws.Retryer {
		if mode == aws.RetryModeStandard {
			return retry.NewStandard(standard)
		}
		return retry.NewAdaptiveMode(func(o *retry.AdaptiveModeOptions) {
			o.StandardOptions = append(o.StandardOptions, standard)
		})
	}
	timeout := opts.RequestTimeout
	if timeout <= 0 {
		timeout = DefaultRequestTimeout
	}
	switch hc := cfg.HTTPClient.(type) {
	case nil:
		cfg.HTTPClient = awshttp.NewBuildableClient().WithTimeout(timeout)
	case *awshttp.BuildableClient:
		cfg.HTTPClient = hc.WithTimeout(timeout)
	}
	cfg.APIOptions = append(append([]func(*middlewareStack) error{}, cfg.APIOptions...), addRegistryGuard)
	return &Collector{cfg: cfg, opts: opts}
}

// service is one collectable AWS service: the extension point of this package (see doc.go).
type service struct {
	// name is the --services name.
	name string
	// global services run once (region "global"); the others once per collected region.
	global bool
	// owns lists what the service collects: whole resource types ("aws_kms_key") and attributes
	// of the shared account and region resources ("aws_region.config"). When the service is left
	// out of --services, each becomes a NotCollected error, so that the checks that read it report
	// error, not a pass on data nobody looked at.
	owns []string
	// start schedules the service's tasks for one region with u.Go. It must not block.
	start func(r *run, u *unit)
	// finish, when set, runs after every task of every service has ended (joins across
	// resources, e.g. names to ARNs).
	finish func(r *run)
}

var services = map[string]service{}

func registerService(s service) {
	if _, dup := services[s.name]; dup {
		panic("aws: service registered twice: " + s.name)
	}
	services[s.name] = s
}

// ServiceNames lists the services the collector knows, sorted.
func ServiceNames() []string {
	out := make([]string, 0, len(services))
	for n := range services {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func (c *Collector) selectServices() ([]service, error) {
	names := c.opts.Services
	if len(names) == 0 {
		names = ServiceNames()
	}
	seen := map[string]bool{}
	var out []service
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		s, ok := services[n]
		if !ok {
			return nil, fmt.Errorf("unknown AWS service %q (known: %s)", n, strings.Join(ServiceNames(), ", "))
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// run is the state of one collection.
type run struct {
	c        *Collector
	cfg      aws.Config
	ctx      context.Context
	progress collectors.Progress

	account   string
	partition string
	home      string

	sem chan struct{}
	wg  sync.WaitGroup

	mu   sync.Mutex
	snap *snapshot.Snapshot
	// acct is the aws_account resource; regions the aws_region resources by name.
	acct    snapshot.Resource
	regions map[string]snapshot.Resource

	// state holds per-service shared state (created by the service's start).
	stateMu sync.Mutex
	state   map[string]any
}

// Collect implements collectors.Collector.
func (c *Collector) Collect(ctx context.Context) (*snapshot.Snapshot, error) {
	svcs, err := c.selectServices()
	if err != nil {
		return nil, err
	}
	progress := c.opts.Progress
	if progress == nil {
		progress = collectors.NoProgress{}
	}
	r := &run{
		c: c, cfg: c.cfg, ctx: ctx, progress: progress, home: c.cfg.Region,
		sem:     make(chan struct{}, c.opts.Workers()),
		regions: map[string]snapshot.Resource{},
		state:   map[string]any{},
	}
	if err := r.identify(ctx); err != nil {
		return nil, err
	}
	r.snap = snapshot.New("aws", r.account, c.opts.Clock()())
	r.snap.Collector = snapshot.Collector{Name: CollectorName, Version: c.opts.Version}
	r.acct = snapshot.Resource{
		"id": r.arn("iam", "", "root"), "name": r.account, "region": snapshot.GlobalRegion, "tags": map[string]string{},
		"account_id": r.account, "aliases": nil, "root": nil, "password_policy": nil,
		"support_access_entities": nil, "cloudshell_full_access_entities": nil, "s3_public_access_block": nil,
	}
	r.snap.Add("aws_account", r.acct)

	regions := r.discoverRegions(ctx)
	names := make([]string, len(svcs))
	for i, s := range svcs {
		names[i] = s.name
	}
	r.snap.Scope = snapshot.Scope{Regions: regions, Services: names}
	r.recordNotCollected(svcs, regions)

	var units []*unit
	for _, s := range svcs {
		if s.global {
			units = append(units, &unit{r: r, svc: s, region: snapshot.GlobalRegion, label: s.name})
			continue
		}
		for _, reg := range regions {
			units = append(units, &unit{r: r, svc: s, region: reg, label: s.name + " in " + reg})
		}
	}
	progress.Planned(len(units))
	for _, u := range units {
		u.Go(func(context.Context) { u.svc.start(r, u) })
	}
	r.wg.Wait()
	for _, s := range svcs {
		if s.finish != nil {
			s.finish(r)
		}
	}
	if err := ctx.Err(); err != nil {
		code := "Interrupted"
		if errors.Is(err, context.DeadlineExceeded) {
			code = "DeadlineExceeded"
		}
		// Which attributes were still unread is unknown (a null can also mean "not configured"),
		// so the interruption covers every type the collection was reading: their checks report
		// error, never a pass on half-read data.
		msg := fmt.Sprintf("collection was interrupted (%v): resources and attributes not yet read are missing", err)
		for _, typ := range interruptedTypes(svcs) {
			r.snap.AddError(snapshot.CollectionError{
				ResourceType: typ, Operation: "incloud:Collect", Code: code, Message: msg,
			})
		}
	}
	r.snap.Normalize()
	return r.snap, nil
}

// unit is one service in one region: the unit of progress. Its tasks run on the run's worker
// pool; the unit is finished when its last task has returned.
type unit struct {
	r       *run
	svc     service
	region  string
	label   string
	pending atomic.Int64
}

// Go schedules fn on the worker pool. Tasks never wait for other tasks: a task that discovers
// more work (a page of buckets, a user's access keys) schedules it with Go and returns, and
// resources are assembled by the tasks writing their attributes (run.set).
func (u *unit) Go(fn func(ctx context.Context)) {
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

func (u *unit) done() {
	if u.pending.Add(-1) == 0 {
		u.r.progress.Finished(u.label)
	}
}

// target says what a call is about, for the error entry written when it fails.
type target struct {
	typ, id, region string
	// attrs are the attributes the failure leaves unknown (empty: all of them).
	attrs []string
}

// call runs fn, which makes op's request (all pages of it, for a paginated call), and records
// a failure as an error entry for t. It reports whether fn succeeded.
func (r *run) call(ctx context.Context, op *Operation, t target, fn func(ctx context.Context) error) bool {
	err := fn(withOperation(ctx, op))
	if err == nil {
		return true
	}
	r.fail(op, t, err)
	return false
}

// fail records a failed call.
func (r *run) fail(op *Operation, t target, err error) {
	code, msg := classify(err)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.snap.AddError(snapshot.CollectionError{
		ResourceType: t.typ, ResourceID: t.id, Region: t.region,
		Operation: op.Name(), Code: code, Message: msg, Attributes: t.attrs,
	})
}

// classify turns an SDK error into an error code and message.
func classify(err error) (code, msg string) {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode(), ae.ErrorMessage()
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "DeadlineExceeded", err.Error()
	case errors.Is(err, context.Canceled):
		return "Canceled", err.Error()
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "RequestTimeout", err.Error()
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return fmt.Sprintf("HTTP%d", re.HTTPStatusCode()), err.Error()
	}
	return "ClientError", err.Error()
}

// errorCode returns the AWS error code of err, "" when it has none.
func errorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// add appends resources to the snapshot.
func (r *run) add(typ string, res snapshot.Resource) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.snap.Add(typ, res)
}

// set sets a resource's attribute. Tasks of one resource run concurrently: always use set.
func (r *run) set(res snapshot.Resource, key string, v any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	res[key] = v
}

// get reads a resource's attribute.
func (r *run) get(res snapshot.Resource, key string) any {
	r.mu.Lock()
	defer r.mu.Unlock()
	return res[key]
}

// shared returns the per-service state stored under key, creating it with mk.
func (r *run) shared(key string, mk func() any) any {
	r.stateMu.Lock()
	defer r.stateMu.Unlock()
	v, ok := r.state[key]
	if !ok {
		v = mk()
		r.state[key] = v
	}
	return v
}

// arn builds an ARN in the account's partition.
func (r *run) arn(service, region, resource string) string {
	return fmt.Sprintf("arn:%s:%s:%s:%s:%s", r.partition, service, region, r.account, resource)
}

// endpoint returns the --endpoint-url override, nil when none was given (the SDK then resolves
// endpoints itself, including from AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>).
func (r *run) endpoint() *string {
	if r.c.opts.EndpointURL == "" {
		return nil
	}
	e := r.c.opts.EndpointURL
	return &e
}

// customEndpoint reports whether requests of the service whose environment suffix is envSuffix
// ("S3") go to a configured endpoint rather than AWS's own.
func (r *run) customEndpoint(envSuffix string) bool {
	return r.c.opts.EndpointURL != "" || r.cfg.BaseEndpoint != nil ||
		os.Getenv("AWS_ENDPOINT_URL_"+envSuffix) != ""
}

// isLoopbackEndpoint reports whether raw names a host that cannot take an account-id prefix
// (an IP address or localhost): a local fake or test endpoint.
func isLoopbackEndpoint(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	h := u.Hostname()
	return h == "localhost" || net.ParseIP(h) != nil
}

// Helpers turning SDK values into snapshot values.

func timeString(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func timeOrNil(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return timeString(*t)
}

func strOrNil(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func int32OrNil(p *int32) any {
	if p == nil {
		return nil
	}
	return int64(*p)
}

// idOf reads a resource's id under the same lock as set: other tasks of the resource may be
// setting attributes at the same time.
func (r *run) idOf(res snapshot.Resource) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return res.ID()
}

// recordNotCollected records, for every known service left out of this collection, an error for
// each resource type and shared attribute it owns.
func (r *run) recordNotCollected(selected []service, regions []string) {
	chosen := map[string]bool{}
	for _, s := range selected {
		chosen[s.name] = true
	}
	for _, name := range ServiceNames() {
		if chosen[name] {
			continue
		}
		msg := fmt.Sprintf("service %s was not collected (it is not in --services)", name)
		e := snapshot.CollectionError{Operation: "incloud:Collect", Code: "NotCollected", Message: msg}
		shared := map[string][]string{} // aws_account / aws_region -> attributes
		for _, o := range services[name].owns {
			typ, attr, isAttr := strings.Cut(o, ".")
			if isAttr {
				shared[typ] = append(shared[typ], attr)
				continue
			}
			e.ResourceType, e.ResourceID, e.Region, e.Attributes = typ, "", "", nil
			r.snap.AddError(e)
		}
		if attrs := shared["aws_account"]; len(attrs) > 0 {
			e.ResourceType, e.ResourceID, e.Region, e.Attributes = "aws_account", r.idOf(r.acct), snapshot.GlobalRegion, attrs
			r.snap.AddError(e)
		}
		if attrs := shared["aws_region"]; len(attrs) > 0 {
			for _, reg := range regions {
				e.ResourceType, e.ResourceID, e.Region, e.Attributes = "aws_region", r.idOf(r.region(reg)), reg, attrs
				r.snap.AddError(e)
			}
		}
	}

}

// interruptedTypes lists, sorted, the resource types an interrupted collection of svcs leaves in
// doubt: the shared account and region resources and every type the services own.
func interruptedTypes(svcs []service) []string {
	set := map[string]bool{"aws_account": true, "aws_region": true}
	for _, s := range svcs {
		for _, o := range s.owns {
			typ, _, _ := strings.Cut(o, ".")
			set[typ] = true
		}
	}
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
