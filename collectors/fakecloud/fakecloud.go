// Package fakecloud is the provider-neutral core of the fake clouds the collectors' tests run
// against: a fictional account seeded from a snapshot, served on 127.0.0.1. Each provider's
// fake (collectors/aws/awsfake, ...) embeds a Core and adds its wire protocols: routing a
// request to its operation, rendering resources and errors in the cloud's real format.
//
// The Core gives every provider's fake the same behaviour:
//
//   - seeding: New(snap) keeps a canonical copy of the snapshot (values as JSON reads them:
//     string, bool, json.Number, []any, map[string]any, nil), indexed by resource type;
//   - injected errors: the snapshot's error entries are the failures to answer. Injected(op,
//     resourceID, region) returns the entry for a call (resource_id "" is a list call in the
//     entry's region), which the provider renders as its API error (AccessDenied, a 403 reason,
//     AuthorizationFailed; a throttling code fails every attempt). Collecting from the fake must
//     give the snapshot back, errors included: that round trip is every collector's main test;
//   - small pages: Page cuts lists into pages of PageSize (default 2) so that every paginator
//     is exercised;
//   - throttling: WithThrottle(op, n) makes the first n attempts of op fail with the provider's
//     throttling error, so that retries are exercised;
//   - latency: WithLatency(d) delays every response, for the concurrency measurements;
//   - the request log: Begin counts every request per operation (throttled and failed attempts
//     included); Requests is what the permissions-cover-calls property reads.
package fakecloud

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"

	"github.com/incloud/incloud/pkg/snapshot"
)

// DefaultPageSize is the largest page a list returns unless WithPageSize says otherwise.
const DefaultPageSize = 2

// Core is the provider-neutral state of a fake cloud.
type Core struct {
	// URL is the base URL of the running server (after Serve).
	URL string

	srv      *httptest.Server
	snap     *snapshot.Snapshot
	byType   map[string][]snapshot.Resource
	latency  time.Duration
	pageSize int

	mu        sync.Mutex
	counts    map[string]int
	throttle  map[string]int
	requestID int
}

// Option configures a Core.
type Option func(*Core)

// WithLatency delays every response by d.
func WithLatency(d time.Duration) Option { return func(c *Core) { c.latency = d } }

// WithPageSize sets the largest page a list call returns (0: no paging).
func WithPageSize(n int) Option { return func(c *Core) { c.pageSize = n } }

// WithThrottle makes the first n attempts of op (service:Action, as in snapshot errors) fail
// with the provider's throttling error; later attempts succeed.
func WithThrottle(op string, n int) Option { return func(c *Core) { c.throttle[op] = n } }

// New returns a core seeded with snap. It panics when snap cannot be encoded and read back (a
// test's own fixture is broken).
func New(snap *snapshot.Snapshot, opts ...Option) *Core {
	c := &Core{pageSize: DefaultPageSize, counts: map[string]int{}, throttle: map[string]int{}, byType: map[string][]snapshot.Resource{}}
	for _, o := range opts {
		o(c)
	}
	// Re-read the snapshot so that values have one representation whether it was parsed or
	// built in Go.
	data, err := snapshot.Marshal(snap)
	if err != nil {
		panic(fmt.Sprintf("fakecloud: encode seed snapshot: %v", err))
	}
	c.snap, err = snapshot.Parse(data)
	if err != nil {
		panic(fmt.Sprintf("fakecloud: seed snapshot: %v", err))
	}
	for t, rs := range c.snap.Resources {
		c.byType[t] = rs
	}
	return c
}

// Serve starts serving h on 127.0.0.1 and sets URL. Close stops it.
func (c *Core) Serve(h http.Handler) {
	c.srv = httptest.NewServer(h)
	c.URL = c.srv.URL
}

// Close stops the server.
func (c *Core) Close() {
	if c.srv != nil {
		c.srv.Close()
	}
}

// Snapshot returns the seed (canonical copy; do not modify).
func (c *Core) Snapshot() *snapshot.Snapshot { return c.snap }

// Account is the fake account's id.
func (c *Core) Account() string { return c.snap.Account }

// Resources returns the seed's resources of a type.
func (c *Core) Resources(typ string) []snapshot.Resource { return c.byType[typ] }

// Find returns the resource of typ whose string attribute key equals v, nil when none does.
func (c *Core) Find(typ, key, v string) snapshot.Resource {
	for _, r := range c.byType[typ] {
		if s, _ := r[key].(string); s == v {
			return r
		}
	}
	return nil
}

// Injected returns the seed's error entry for a call of op about resourceID (for a list call,
// resourceID "" in region), nil when the call should succeed.
func (c *Core) Injected(op, resourceID, region string) *snapshot.CollectionError {
	for i, e := range c.snap.Errors {
		if e.Operation != op || e.ResourceID != resourceID {
			continue
		}
		if resourceID == "" && e.Region != region {
			continue
		}
		return &c.snap.Errors[i]
	}
	return nil
}

// Page returns the slice [start, end) of a list of n items to serve for marker (the previous
// page's next, "" for the first page) and the client's maximum (0 or "": none), and the marker
// of the next page ("" on the last page).
func (c *Core) Page(n int, marker, max string) (start, end int, next string) {
	if marker != "" {
		start, _ = strconv.Atoi(marker)
	}
	size := c.pageSize
	if m, err := strconv.Atoi(max); err == nil && m > 0 && (size <= 0 || m < size) {
		size = m
	}
	if start > n {
		start = n
	}
	end = n
	if size > 0 && start+size < n {
		end = start + size
		next = strconv.Itoa(end)
	}
	return start, end, next
}

// Begin records a request for op in the log, waits the configured latency and reports whether
// the attempt is throttled. ok is false when ctx (the client's request) ended while waiting:
// answer nothing.
func (c *Core) Begin(ctx context.Context, op string) (throttled, ok bool) {
	c.mu.Lock()
	c.counts[op]++
	throttled = c.throttle[op] > 0
	if throttled {
		c.throttle[op]--
	}
	c.mu.Unlock()
	if c.latency > 0 {
		select {
		case <-time.After(c.latency):
		case <-ctx.Done():
			return false, false
		}
	}
	return throttled, true
}

// NextRequestID returns a new request id.
func (c *Core) NextRequestID() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.requestID++
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", c.requestID)
}

// Requests returns the number of requests received per operation (service:Action), throttled
// and failed attempts included.
func (c *Core) Requests() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.counts))
	for k, v := range c.counts {
		out[k] = v
	}
	return out
}

// TotalRequests is the sum of Requests.
func (c *Core) TotalRequests() int {
	n := 0
	for _, v := range c.Requests() {
		n += v
	}
	return n
}

// ResetRequests empties the request log.
func (c *Core) ResetRequests() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts = map[string]int{}
}
