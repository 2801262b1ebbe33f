package gcp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"
	htransport "google.golang.org/api/transport/http"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/pkg/snapshot"
)

// Defaults used when collectors.Options leaves a setting zero.
const (
	DefaultRequestTimeout   = 30 * time.Second
	DefaultRetryMaxAttempts = 6
	defaultRetryMaxBackoff  = 20 * time.Second
)

// CollectorName is written into every snapshot's collector.name.
const CollectorName = "incloud-gcp"

// readScope is the OAuth scope of every client: read-only access to Google Cloud.
const readScope = "https://www.googleapis.com/auth/cloud-platform.read-only"

// Collector snapshots one Google Cloud project.
type Collector struct {
	project string
	opts    collectors.Options
	// client, when set, returns the HTTP client to use (a fleet's, shared by its members);
	// nil builds one per collection.
	client func(ctx context.Context) (*http.Client, error)
}

var _ collectors.Collector = (*Collector)(nil)

// New returns a collector for project. Credentials are Application Default Credentials, unless
// opts.EndpointURL is set (tests' fake GCP): then requests go there without credentials.
func New(project string, opts collectors.Options) *Collector {
	return &Collector{project: project, opts: opts}
}

// services is the GCP service registry: each service file registers itself in init.
var services = collection.NewServices[*run]("GCP")

// ServiceNames lists the services the collector knows, sorted.
func ServiceNames() []string { return services.Names() }

// ServiceOwns returns each service's owns declaration (resource types and gcp_project attributes).
func ServiceOwns() map[string][]string { return services.Owns() }

// run is the GCP state of one collection: the framework's run plus the project, the HTTP
// client every API client shares and the shared gcp_project resource.
type run struct {
	*collection.Run
	opts   collectors.Options
	client *http.Client

	projectID     string
	projectNumber string
	project       snapshot.Resource
}

// Collect implements collectors.Collector.
func (c *Collector) Collect(ctx context.Context) (*snapshot.Snapshot, error) {
	if c.project == "" {
		return nil, errors.New("no project: pass --project or set GOOGLE_CLOUD_PROJECT")
	}
	svcs, err := services.Select(c.opts.Services)
	if err != nil {
		return nil, err
	}
	newClient := c.newHTTPClient
	if c.client != nil {
		newClient = c.client
	}
	client, err := newClient(ctx)
	if err != nil {
		return nil, err
	}
	r := &run{opts: c.opts, client: client, projectID: c.project}
	snap := snapshot.New("gcp", c.project, c.opts.Clock()())
	snap.Collector = snapshot.Collector{Name: CollectorName, Version: c.opts.Version}
	r.Run = collection.NewRun(ctx, snap, c.opts, classify)
	if err := r.identify(ctx); err != nil {
		return nil, err
	}
	r.Add("gcp_project", r.project)
	var regional []string
	for _, svc := range svcs {
		if !svc.Global {
			regional = append(regional, svc.Owns...)
		}
	}
	regions := r.discoverRegions(ctx, regional)
	services.Collect(r.Run, collection.Plan[*run]{State: r, Selected: svcs, Regions: regions,
		Shared: map[string][]snapshot.Resource{"gcp_project": {r.project}}})
	return snap, nil
}

// newHTTPClient is the client every API client uses: Application Default Credentials (or none,
// against a test endpoint), then the retry and the registry guard.
func (c *Collector) newHTTPClient(ctx context.Context) (*http.Client, error) {
	timeout := c.opts.RequestTimeout
	if timeout <= 0 {
		timeout = DefaultRequestTimeout
	}
	attempts := c.opts.RetryMaxAttempts
	if attempts <= 0 {
		attempts = DefaultRetryMaxAttempts
	}
	maxBackoff := c.opts.RetryMaxBackoff
	if maxBackoff <= 0 {
		maxBackoff = defaultRetryMaxBackoff
	}
	base := http.DefaultTransport.(*http.Transport).Clone()
	base.ResponseHeaderTimeout = timeout
	var rt http.RoundTripper = guard{next: base}
	if c.opts.EndpointURL == "" {
		var err error
		rt, err = htransport.NewTransport(ctx, rt, option.WithScopes(readScope))
		if err != nil {
			return nil, fmt.Errorf("Google Cloud credentials (Application Default Credentials): %w", err)
		}
	}
	return &http.Client{Transport: retrying{next: rt, attempts: attempts, maxBackoff: maxBackoff}}, nil
}

// callAll is Run.Call for a call whose failure leaves several things unknown (a list of key
// rings is also the list of their keys): a failure is recorded for every target.
func (r *run) callAll(ctx context.Context, op *collection.Operation, targets []collection.Target, fn func(ctx context.Context) error) bool {
	err := fn(collection.WithOperation(ctx, op))
	if err == nil {
		return true
	}
	for _, t := range targets {
		r.Fail(op, t, err)
	}
	return false
}

// clientOptions are the options of every API client: the shared HTTP client and, against a
// test endpoint, the endpoint for the API whose production base path is basePath.
func (r *run) clientOptions(basePath string) []option.ClientOption {
	opts := []option.ClientOption{option.WithHTTPClient(r.client)}
	if r.opts.EndpointURL != "" {
		opts = append(opts, option.WithEndpoint(testEndpoint(r.opts.EndpointURL, basePath)))
	}
	return opts
}

// testEndpoint maps an API's production base path (https://compute.googleapis.com/compute/v1/)
// to the test endpoint url: url/compute.googleapis.com/compute/v1/, so that one fake serves
// every API.
func testEndpoint(url, basePath string) string {
	return strings.TrimSuffix(url, "/") + "/" + strings.TrimPrefix(basePath, "https://")
}

// classify turns a Google API error into the snapshot's error code and message: the reason
// SERVICE_DISABLED for an API that is not enabled, else the error's status (PERMISSION_DENIED,
// NOT_FOUND, RESOURCE_EXHAUSTED), else one derived from the HTTP status.
func classify(err error) (code, msg string, ok bool) {
	var ge *googleapi.Error
	if errors.As(err, &ge) {
		return apiErrorCode(ge), ge.Message, true
	}
	return collection.CommonCode(err)
}

func apiErrorCode(ge *googleapi.Error) string {
	var body struct {
		Error struct {
			Status  string `json:"status"`
			Details []struct {
				Type   string `json:"@type"`
				Reason string `json:"reason"`
			} `json:"details"`
		} `json:"error"`
	}
	_ = json.Unmarshal([]byte(ge.Body), &body)
	for _, d := range body.Error.Details {
		if d.Type == "type.googleapis.com/google.rpc.ErrorInfo" && d.Reason == "SERVICE_DISABLED" {
			return "SERVICE_DISABLED"
		}
	}
	if body.Error.Status != "" {
		return body.Error.Status
	}
	switch {
	case ge.Code == http.StatusForbidden:
		return "PERMISSION_DENIED"
	case ge.Code == http.StatusNotFound:
		return "NOT_FOUND"
	case ge.Code == http.StatusTooManyRequests:
		return "RESOURCE_EXHAUSTED"
	case ge.Code == http.StatusUnauthorized:
		return "UNAUTHENTICATED"
	case ge.Code >= 500:
		return "UNAVAILABLE"
	}
	return fmt.Sprintf("HTTP%d", ge.Code)
}

// serviceDisabled reports whether err says the API is not enabled in the project.
func serviceDisabled(err error) bool {
	var ge *googleapi.Error
	return errors.As(err, &ge) && apiErrorCode(ge) == "SERVICE_DISABLED"
}

// notFound reports whether err is a 404.
func notFound(err error) bool {
	var ge *googleapi.Error
	return errors.As(err, &ge) && ge.Code == http.StatusNotFound
}

// labels converts a label map to snapshot tags.
func labels(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// strs returns s, or an empty list for nil (the snapshot writes [] rather than null).
func strs(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// last returns the part of a resource path after its last slash.
func last(path string) string { return path[strings.LastIndex(path, "/")+1:] }
