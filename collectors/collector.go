// Package collectors holds what every provider's collector shares with the CLI: the Collector
// interface, the provider-neutral options (regions, services, concurrency, endpoint, timeout,
// progress) and the provider registry (Register, Providers) the CLI builds its collect, scan
// and permissions subcommands from.
//
// Each provider lives in a subpackage (collectors/aws, collectors/gcp, collectors/azure) built
// on the collector framework in collectors/collection: it turns its SDK's responses into
// snapshot resources, records every failed call as a snapshot error entry, and registers
// itself here in an init function. A new provider writes:
//
//   - collectors/<p>/doc.go: the package comment, the pattern its services follow;
//   - collectors/<p>/collector.go: the run state embedding *collection.Run, Collect (identify
//     the account, create the shared resources, discover regions, services.Collect), the error
//     classifier and the client factory;
//   - collectors/<p>/operations.go: the operation registry, the read-only rule, the request
//     guard calling collection.CheckCall, and the permissions document;
//   - collectors/<p>/provider.go: collectors.Register(Provider{...});
//   - collectors/<p>/<service>.go: one file and one type per service;
//   - collectors/<p>/<p>fake/: the fake cloud, a fakecloud.Core under the provider's wire
//     protocols, one handler file per service;
//   - collectors/<p>/conformance_test.go: collectortest.Run with the provider's adapter;
//   - a blank import of collectors/<p> in cmd/incloud/providers.go;
//   - policies/schemas/<p>/, policies/<p>/ checks and testdata/snapshots/<p>-demo*.json.
package collectors

import (
	"context"
	"io"
	"time"

	"github.com/incloud/incloud/pkg/snapshot"
)

// Collector snapshots one account, project or subscription.
type Collector interface {
	// Collect reads the account's configuration. It returns an error only when nothing useful
	// can be collected (no credentials, the account cannot be identified); every other failure
	// is an entry in the snapshot's errors, and the collection goes on. When ctx is canceled or
	// its deadline passes, Collect returns what it has, marked incomplete.
	Collect(ctx context.Context) (*snapshot.Snapshot, error)
}

// DefaultConcurrency is the number of API requests a collector has in flight at once unless
// Options.Concurrency says otherwise.
const DefaultConcurrency = 16

// Options are the provider-neutral collection settings.
type Options struct {
	// Regions to collect; empty means every region enabled for the account.
	Regions []string
	// Services to collect (provider service names: "iam", "s3", ...); empty means all.
	Services []string
	// Concurrency bounds the collection tasks (each a short sequence of API requests) running
	// at once; 0 means DefaultConcurrency.
	Concurrency int
	// EndpointURL, when set, sends every API request to this base URL (a private or sovereign
	// endpoint, a local fake). Empty leaves the SDK's own endpoint resolution (including its
	// standard environment variables) untouched.
	EndpointURL string
	// RequestTimeout bounds each API request attempt; 0 means a provider default.
	RequestTimeout time.Duration
	// RetryMaxAttempts bounds the attempts per request (throttling, transient errors); 0 means
	// a provider default.
	RetryMaxAttempts int
	// RetryMaxBackoff caps the delay between attempts; 0 means the SDK default. Tests use a few
	// milliseconds.
	RetryMaxBackoff time.Duration
	// Progress receives the collection's progress; nil reports nothing.
	Progress Progress
	// Now is the clock for the snapshot's collected_at; nil means time.Now.
	Now func() time.Time
	// Version is the collector version written into the snapshot.
	Version string
	// Debug receives the cloud SDK's own diagnostics (--debug); nil discards them, so that
	// they never reach stderr otherwise.
	Debug io.Writer
}

// Clock returns o.Now, or time.Now when it is nil.
func (o Options) Clock() func() time.Time {
	if o.Now != nil {
		return o.Now
	}
	return time.Now
}

// Workers returns the effective concurrency.
func (o Options) Workers() int {
	if o.Concurrency > 0 {
		return o.Concurrency
	}
	return DefaultConcurrency
}

// Progress is told about units of work (a service in a region) as a collector plans and
// finishes them. Implementations must be safe for concurrent use.
type Progress interface {
	// Planned announces n more units.
	Planned(n int)
	// Finished reports one unit done; label names it ("iam", "s3 in eu-west-1").
	Finished(label string)
	// Log reports a notable event (a region skipped, a service denied) in one line.
	Log(msg string)
	// Close ends the report (a progress bar prints its last state and a newline).
	Close()
}

// NoProgress discards progress reports.
type NoProgress struct{}

// Planned implements Progress.
func (NoProgress) Planned(int) {}

// Finished implements Progress.
func (NoProgress) Finished(string) {}

// Log implements Progress.
func (NoProgress) Log(string) {}

// Close implements Progress.
func (NoProgress) Close() {}
