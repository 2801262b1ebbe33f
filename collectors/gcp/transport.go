package gcp

import (
	"context"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/incloud/incloud/collectors/collection"
)

// route maps the requests of one registered operation: the API's host, the HTTP method and the
// path below the host.
type route struct {
	op     *collection.Operation
	host   string
	method string
	path   *regexp.Regexp
}

var (
	routesMu sync.Mutex
	routes   []route
)

// register registers an operation (service:method, with the IAM permission it needs) and the
// requests that make it: host (compute.googleapis.com), method and a path pattern in which
// {x} matches one path segment and {x*} one or more.
func register(service, action, permission, host, method, pattern string) *collection.Operation {
	op := ops.Register(service, action, permission)
	re := regexp.QuoteMeta(pattern)
	re = regexp.MustCompile(`\\\{[a-zA-Z]+\\\*\\\}`).ReplaceAllString(re, `.+`)
	re = regexp.MustCompile(`\\\{[a-zA-Z]+\\\}`).ReplaceAllString(re, `[^/]+`)
	routesMu.Lock()
	routes = append(routes, route{op: op, host: host, method: method, path: regexp.MustCompile("^" + re + "$")})
	routesMu.Unlock()
	return op
}

// operationFor returns the registered operation a request makes, nil when none matches. A
// request to the test endpoint carries the API's host as its first path segment.
func operationFor(req *http.Request) *collection.Operation {
	host, path := req.URL.Host, req.URL.Path
	if !strings.HasSuffix(host, ".googleapis.com") {
		rest := strings.TrimPrefix(path, "/")
		host, path, _ = strings.Cut(rest, "/")
		path = "/" + path
	}
	routesMu.Lock()
	defer routesMu.Unlock()
	for _, rt := range routes {
		if rt.host == host && rt.method == req.Method && rt.path.MatchString(path) {
			return rt.op
		}
	}
	return nil
}

// guard refuses every request that is not the registered operation of the call it is made in,
// so that nothing unregistered (nothing the printed role does not grant, nothing that writes)
// is ever sent.
type guard struct{ next http.RoundTripper }

func (g guard) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := collection.CheckCall(req.Context(), operationFor(req), req.Method+" "+req.URL.Path); err != nil {
		return nil, err
	}
	return g.next.RoundTrip(req)
}

// retrying retries throttled (429) and failed (5xx) attempts with exponential backoff and full
// jitter, at most attempts times and never past the request's context (--timeout, Ctrl-C): the
// generated google.golang.org/api clients do not retry on their own.
type retrying struct {
	next       http.RoundTripper
	attempts   int
	maxBackoff time.Duration
}

func (rt retrying) RoundTrip(req *http.Request) (*http.Response, error) {
	for attempt := 1; ; attempt++ {
		if attempt > 1 && req.Body != nil {
			if req.GetBody == nil {
				return nil, errNoReplay
			}
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req = req.Clone(req.Context())
			req.Body = body
		}
		resp, err := rt.next.RoundTrip(req)
		if err != nil || !retryable(resp.StatusCode) || attempt >= rt.attempts {
			return resp, err
		}
		resp.Body.Close()
		if err := sleep(req.Context(), backoff(attempt, rt.maxBackoff)); err != nil {
			return nil, err
		}
	}
}

var errNoReplay = &replayError{}

type replayError struct{}

func (*replayError) Error() string { return "cannot retry a request whose body cannot be read again" }

func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status >= 500
}

// backoff is the delay before attempt+1: full jitter over min(max, 100ms * 2^(attempt-1)).
func backoff(attempt int, max time.Duration) time.Duration {
	d := 100 * time.Millisecond << (attempt - 1)
	if d > max || d <= 0 {
		d = max
	}
	return time.Duration(rand.Int64N(int64(d) + 1))
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
