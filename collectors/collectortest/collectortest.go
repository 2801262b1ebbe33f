// Package collectortest is the conformance suite every provider's collector passes. A
// provider's test describes its collector in a Provider (a handful of fields and two functions:
// start the fake cloud, run the collector) and calls Run; the suite checks, against the
// provider's real wire protocols served by its fake cloud:
//
//   - round trip: collect(fake(demo)) == demo, byte for byte, with every service, for every demo
//     snapshot; the demos together hold every resource type the provider's schemas define;
//   - errors: the demos' AccessDenied (and other) error entries come back from the fake's API
//     errors as the same entries, and through the engine every check that reads what an entry
//     leaves unknown reports `error` on the resources it covers, never pass or fail;
//   - schemas: the collected snapshot is valid against policies/schemas/<provider>/;
//   - permissions: every operation the collector called (the fake's request log) is registered
//     and granted by what `incloud permissions <provider>` prints;
//   - registry read-only: every registered operation passes the provider's read-only rule, and
//     the rule rejects the provider's examples of writes;
//   - owns: every owns declaration names a schema's resource type or one of its attributes;
//   - NotCollected: a service left out of --services yields a NotCollected entry for every type
//     and attribute it owns, and none of its resources;
//   - throttling: a throttled operation is retried and the result is still the demo; a call
//     throttled past the retries becomes an error entry;
//   - interruption: a collection whose context ends early returns, quickly, a partial snapshot
//     marked incomplete, with an interruption entry for every type it was reading and none for
//     the others, that reads back;
//   - latency: with a delay per request, the default concurrency is at least MinSpeedup times
//     faster than concurrency 1, with the same snapshot (skipped with -short).
package collectortest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/collectors/fakecloud"
	"github.com/incloud/incloud/pkg/engine"
	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/snapshot"
)

// Provider describes one provider's collector to the suite.
type Provider struct {
	// Name is the provider ("aws", "gcp", "azure"): snapshots' provider and the schema folder.
	Name string
	// Policies is the policy tree (policies.FS): schemas/<Name>/ and the checks.
	Policies fs.FS
	// Demos are the snapshot files to round-trip; their scope names every service.
	Demos []string
	// Owns is every service's owns declaration, by service name.
	Owns map[string][]string
	// Operations is the operation registry; IsReadOnly the provider's read-only rule; Writes
	// operations the rule must reject.
	Operations []collection.Operation
	IsReadOnly func(collection.Operation) bool
	Writes     []collection.Operation
	// Granted are the permissions `incloud permissions <Name>` grants.
	Granted []string
	// Fake starts the provider's fake cloud serving snap. The suite closes it.
	Fake func(snap *snapshot.Snapshot, opts ...fakecloud.Option) *fakecloud.Core
	// Collect runs the collector against the fake (opts.EndpointURL is the fake's URL).
	Collect func(ctx context.Context, opts collectors.Options) (*snapshot.Snapshot, error)
	// DeniedCode is the error code of a denied call ("AccessDenied" when empty; GCP:
	// PERMISSION_DENIED): some demo must have one, so that the round trip covers denied calls.
	DeniedCode string
	// ThrottleOp is an operation collecting the first demo calls exactly once per attempt
	// (an account-wide list or get).
	ThrottleOp string
	// Latency is the account of the interruption and latency properties (a few hundred
	// resources over LatencyServices), and MinSpeedup the speed-up the pool must reach.
	Latency         *snapshot.Snapshot
	LatencyServices []string
	MinSpeedup      float64
}

func deniedCode(p Provider) string {
	if p.DeniedCode != "" {
		return p.DeniedCode
	}
	return "AccessDenied"
}

// retryAttempts is the attempts per request the suite configures.
const retryAttempts = 3

// Options are the collector options the suite uses for the fake at url.
func Options(url string, services ...string) collectors.Options {
	return collectors.Options{
		EndpointURL:      url,
		Services:         services,
		Concurrency:      8,
		RetryMaxAttempts: retryAttempts,
		RetryMaxBackoff:  2 * time.Millisecond,
		RequestTimeout:   10 * time.Second,
		Now:              func() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) },
		Version:          "test",
	}
}

// Run runs every property as a subtest.
func Run(t *testing.T, p Provider) {
	demos := make([]*snapshot.Snapshot, len(p.Demos))
	for i, f := range p.Demos {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if demos[i], err = snapshot.Parse(data); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	if len(demos) == 0 {
		t.Fatal("no demo snapshots")
	}
	schemas := schemaAttrs(t, p)
	t.Run("RegistryReadOnly", func(t *testing.T) { registryReadOnly(t, p) })
	t.Run("OwnsNameSchemas", func(t *testing.T) { ownsNameSchemas(t, p, schemas) })
	t.Run("RoundTrip", func(t *testing.T) { roundTrip(t, p, demos, schemas) })
	t.Run("NotCollected", func(t *testing.T) { notCollected(t, p, demos[0]) })
	t.Run("Throttling", func(t *testing.T) { throttling(t, p, demos[0]) })
	t.Run("Interrupted", func(t *testing.T) { interrupted(t, p) })
	t.Run("Latency", func(t *testing.T) { latency(t, p) })
}

// collect runs the collector against f with the demo's clock and version.
func collect(t *testing.T, p Provider, f *fakecloud.Core, like *snapshot.Snapshot, services ...string) *snapshot.Snapshot {
	t.Helper()
	opts := Options(f.URL, services...)
	if like != nil {
		opts.Now = func() time.Time { return like.CollectedAt }
		opts.Version = like.Collector.Version
	}
	s, err := p.Collect(context.Background(), opts)
	if err != nil {
		t.Fatalf("Collect: %v", err)
	}
	return s
}

func registryReadOnly(t *testing.T, p Provider) {
	if len(p.Operations) == 0 {
		t.Fatal("no registered operations")
	}
	for _, op := range p.Operations {
		if !op.ReadOnly || !p.IsReadOnly(op) {
			t.Errorf("%s (permission %s) is not read-only", op.Name(), op.Permission)
		}
	}
	if len(p.Writes) == 0 {
		t.Error("no examples of writes to test the read-only rule with")
	}
	for _, op := range p.Writes {
		if p.IsReadOnly(op) {
			t.Errorf("the read-only rule accepts %s / %s", op.Name(), op.Permission)
		}
	}
}

// schemaAttrs reads schemas/<provider>/<type>.json: the attributes of each resource type.
func schemaAttrs(t *testing.T, p Provider) map[string]map[string]bool {
	dir := path.Join("schemas", p.Name)
	files, err := fs.Glob(p.Policies, path.Join(dir, p.Name+"_*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no resource type schemas in %s: %v", dir, err)
	}
	out := map[string]map[string]bool{}
	for _, f := range files {
		data, err := fs.ReadFile(p.Policies, f)
		if err != nil {
			t.Fatal(err)
		}
		var s struct {
			Properties map[string]json.RawMessage `json:"properties"`
		}
		if err := json.Unmarshal(data, &s); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		attrs := map[string]bool{}
		for a := range s.Properties {
			attrs[a] = true
		}
		out[strings.TrimSuffix(path.Base(f), ".json")] = attrs
	}
	return out
}

func ownsNameSchemas(t *testing.T, p Provider, schemas map[string]map[string]bool) {
	if len(p.Owns) == 0 {
		t.Fatal("no services")
	}
	for svc, owns := range p.Owns {
		if len(owns) == 0 {
			t.Errorf("service %s owns nothing", svc)
		}
		for _, o := range owns {
			typ, attr, isAttr := strings.Cut(o, ".")
			attrs, ok := schemas[typ]
			switch {
			case !ok:
				t.Errorf("service %s owns %q: no schema defines resource type %s", svc, o, typ)
			case isAttr && !attrs[attr]:
				t.Errorf("service %s owns %q: the %s schema has no attribute %s", svc, o, typ, attr)
			}
		}
	}
}

func roundTrip(t *testing.T, p Provider, demos []*snapshot.Snapshot, schemas map[string]map[string]bool) {
	v, err := snapshot.NewValidator(p.Policies, "schemas")
	if err != nil {
		t.Fatal(err)
	}
	eng, err := engine.Load(engine.Options{Builtin: p.Policies, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	granted := map[string]bool{}
	for _, g := range p.Granted {
		granted[g] = true
	}
	registered := map[string]collection.Operation{}
	for _, op := range p.Operations {
		registered[op.Name()] = op
	}
	covered := map[string]bool{}
	denied := 0
	for i, want := range demos {
		t.Run(path.Base(p.Demos[i]), func(t *testing.T) {
			f := p.Fake(want)
			defer f.Close()
			got := collect(t, p, f, want)
			if g, w := strings.Join(got.Scope.Services, ","), strings.Join(want.Scope.Services, ","); g != w {
				t.Errorf("services %s, the demo says %s", g, w)
			}
			AssertSame(t, want, got)
			for typ, rs := range want.Resources {
				covered[typ] = covered[typ] || len(rs) > 0
			}
			for _, e := range v.Validate(got) {
				t.Errorf("schema: %v", e)
			}
			calls := f.Requests()
			if len(calls) == 0 {
				t.Fatal("the fake saw no request")
			}
			for name := range calls {
				op, ok := registered[name]
				switch {
				case !ok:
					t.Errorf("the collector called %s, which is not registered", name)
				case !granted[op.Permission]:
					t.Errorf("%s needs %s, which `incloud permissions %s` does not grant", name, op.Permission, p.Name)
				}
			}
			for _, e := range got.Errors {
				if e.Code == deniedCode(p) {
					denied++
				}
			}
			errorsAreErrorResults(t, eng, got)
		})
	}
	var missing []string
	for typ := range schemas {
		if !covered[typ] {
			missing = append(missing, typ)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("the demo snapshots have no %v: the round trip does not cover them", missing)
	}
	if denied == 0 {
		t.Errorf("no demo has a %s entry: the round trip does not cover denied calls", deniedCode(p))
	}
}

// errorsAreErrorResults evaluates s and checks that every check that reads what an error entry
// leaves unknown reports error on every resource the entry covers, and that each entry whose
// type has such a check yields at least one error result.
func errorsAreErrorResults(t *testing.T, eng *engine.Engine, s *snapshot.Snapshot) {
	t.Helper()
	rep, err := eng.Evaluate(context.Background(), s)
	if err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	for _, e := range s.Errors {
		affected := map[string]bool{}
		for _, c := range rep.Checks {
			if c.ResourceType == e.ResourceType && readsAny(c, e) {
				affected[c.ID] = true
			}
		}
		if len(affected) == 0 {
			continue
		}
		n := 0
		for _, r := range rep.Results {
			if !affected[r.CheckID] || r.ResourceType != e.ResourceType {
				continue
			}
			if e.ResourceID != "" && r.ResourceID != e.ResourceID {
				continue
			}
			if e.ResourceID == "" && e.Region != "" && r.Region != e.Region {
				continue
			}
			n++
			if r.Status != findings.StatusError {
				t.Errorf("%s on %s is %s, though %s failed (%s) for %v", r.CheckID, r.ResourceID, r.Status, e.Operation, e.Code, e.Attributes)
			}
		}
		if n == 0 && e.ResourceID != "" {
			t.Errorf("no result of %v on %s, though %s failed for it", keys(affected), e.ResourceID, e.Operation)
		}
	}
}

// readsAny reports whether check c reads what e leaves unknown (all of the resource when e
// names no attributes).
func readsAny(c findings.Check, e snapshot.CollectionError) bool {
	if len(e.Attributes) == 0 {
		return true
	}
	for _, d := range c.DependsOn {
		typ, attr, dotted := strings.Cut(d, ".")
		if !dotted {
			typ, attr = c.ResourceType, d
		}
		if typ != e.ResourceType {
			continue
		}
		for _, a := range e.Attributes {
			if a == attr {
				return true
			}
		}
	}
	return false
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func notCollected(t *testing.T, p Provider, demo *snapshot.Snapshot) {
	var names []string
	for n := range p.Owns {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) < 2 {
		t.Skip("one service: nothing can be left out")
	}
	f := p.Fake(demo)
	defer f.Close()
	// First only the first service, then every service but the first: each service is left
	// out once.
	for _, selected := range [][]string{names[:1], names[1:]} {
		got := collect(t, p, f, demo, selected...)
		chosen := map[string]bool{}
		for _, n := range selected {
			chosen[n] = true
		}
		type key struct{ typ, attr string }
		found := map[key]bool{}
		for _, e := range got.Errors {
			if e.Code != "NotCollected" {
				continue
			}
			if len(e.Attributes) == 0 {
				if e.ResourceID != "" || e.Region != "" {
					t.Errorf("a NotCollected entry for all of %s names a resource or region: %+v", e.ResourceType, e)
				}
				found[key{e.ResourceType, ""}] = true
			}
			for _, a := range e.Attributes {
				found[key{e.ResourceType, a}] = true
			}
		}
		for _, n := range names {
			if chosen[n] {
				continue
			}
			for _, o := range p.Owns[n] {
				typ, attr, _ := strings.Cut(o, ".")
				if !found[key{typ, attr}] {
					t.Errorf("service %s left out: no NotCollected entry for %s", n, o)
				}
				if attr == "" && len(got.Resources[typ]) > 0 {
					t.Errorf("service %s left out, yet %d %s collected", n, len(got.Resources[typ]), typ)
				}
			}
		}
	}
}

func throttling(t *testing.T, p Provider, demo *snapshot.Snapshot) {
	t.Run("Retried", func(t *testing.T) {
		f := p.Fake(demo, fakecloud.WithThrottle(p.ThrottleOp, retryAttempts-1))
		defer f.Close()
		got := collect(t, p, f, demo)
		AssertSame(t, demo, got)
		if n := f.Requests()[p.ThrottleOp]; n != retryAttempts {
			t.Errorf("%s: %d requests, want %d (throttled twice, then answered)", p.ThrottleOp, n, retryAttempts)
		}
	})
	t.Run("Persistent", func(t *testing.T) {
		f := p.Fake(demo, fakecloud.WithThrottle(p.ThrottleOp, 1000))
		defer f.Close()
		got := collect(t, p, f, demo)
		if n := f.Requests()[p.ThrottleOp]; n != retryAttempts {
			t.Errorf("%s: %d requests, want %d attempts", p.ThrottleOp, n, retryAttempts)
		}
		var entry *snapshot.CollectionError
		for i, e := range got.Errors {
			if e.Operation == p.ThrottleOp && demoLacks(demo, e) {
				entry = &got.Errors[i]
			}
		}
		if entry == nil || entry.Code == "" || got.Complete {
			t.Errorf("a call throttled past its retries left no error entry (complete %v): %+v", got.Complete, got.Errors)
		}
	})
}

// demoLacks reports whether e is not one of the demo's own entries.
func demoLacks(demo *snapshot.Snapshot, e snapshot.CollectionError) bool {
	for _, d := range demo.Errors {
		if d.Operation == e.Operation && d.ResourceID == e.ResourceID && d.Region == e.Region {
			return false
		}
	}
	return true
}

func interrupted(t *testing.T, p Provider) {
	f := p.Fake(p.Latency, fakecloud.WithLatency(30*time.Millisecond))
	defer f.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	got, err := p.Collect(ctx, Options(f.URL, p.LatencyServices...))
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("interrupted collection took %v", d)
	}
	if got.Complete {
		t.Error("complete = true after the deadline")
	}
	covered := map[string]bool{}
	for _, e := range got.Errors {
		if e.Operation == "incloud:Collect" && e.Code == "DeadlineExceeded" && e.ResourceID == "" && e.Region == "" && len(e.Attributes) == 0 {
			covered[e.ResourceType] = true
		}
	}
	reading := map[string]bool{}
	for _, svc := range p.LatencyServices {
		for _, o := range p.Owns[svc] {
			typ, _, _ := strings.Cut(o, ".")
			reading[typ] = true
			if !covered[typ] {
				t.Errorf("the interruption does not cover %s (service %s)", typ, svc)
			}
		}
	}
	for svc, owns := range p.Owns {
		for _, o := range owns {
			if typ, _, isAttr := strings.Cut(o, "."); !isAttr && !reading[typ] && covered[typ] {
				t.Errorf("the interruption covers %s, of service %s, which was not collected", typ, svc)
			}
		}
	}
	data, err := snapshot.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := snapshot.Parse(data); err != nil {
		t.Errorf("interrupted snapshot does not read back: %v", err)
	}
}

func latency(t *testing.T, p Provider) {
	if testing.Short() {
		t.Skip("measures two collections with 20 ms per request")
	}
	f := p.Fake(p.Latency, fakecloud.WithLatency(20*time.Millisecond), fakecloud.WithPageSize(100))
	defer f.Close()
	run := func(workers int) (time.Duration, int) {
		f.ResetRequests()
		opts := Options(f.URL, p.LatencyServices...)
		opts.Concurrency = workers
		opts.Now = func() time.Time { return p.Latency.CollectedAt }
		opts.Version = p.Latency.Collector.Version
		start := time.Now()
		s, err := p.Collect(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		d := time.Since(start)
		AssertSame(t, p.Latency, s)
		return d, f.TotalRequests()
	}
	// The concurrent collection is mostly waiting, but its CPU work competes with whatever else
	// the machine runs (go test runs packages in parallel): take the best of up to three runs,
	// stopping as soon as one shows the speed-up, as a benchmark would.
	seq, _ := run(1)
	var par time.Duration
	var requests int
	ratio := 0.0
	for attempt := 0; attempt < 3 && ratio < p.MinSpeedup; attempt++ {
		d, n := run(0)
		if par == 0 || d < par {
			par, requests = d, n
		}
		ratio = float64(seq) / float64(par)
	}
	resources := 0
	for _, rs := range p.Latency.Resources {
		resources += len(rs)
	}
	t.Logf("20 ms per request, %d resources, %d requests: concurrency 1: %v; concurrency %d: %v; speed-up %.1fx",
		resources, requests, seq.Round(time.Millisecond), collectors.DefaultConcurrency, par.Round(time.Millisecond), ratio)
	if ratio < p.MinSpeedup {
		t.Errorf("speed-up %.1fx, want at least %.1fx", ratio, p.MinSpeedup)
	}
}

// AssertSame compares two snapshots byte for byte after snapshot.Marshal and shows the first
// differing lines. The NotCollected entries of services left out are dropped from got first
// (the NotCollected property checks them).
func AssertSame(t testing.TB, want, got *snapshot.Snapshot) {
	t.Helper()
	got = WithoutNotCollected(got)
	w, err := snapshot.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	g, err := snapshot.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(w, g) {
		return
	}
	wl, gl := strings.Split(string(w), "\n"), strings.Split(string(g), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var a, b string
		if i < len(wl) {
			a = wl[i]
		}
		if i < len(gl) {
			b = gl[i]
		}
		if a != b {
			lo := max(0, i-8)
			t.Fatalf("snapshots differ at line %d:\nwant: %s\ngot:  %s\ncontext (want):\n%s\ncontext (got):\n%s\nerrors collected: %s", i+1, a, b,
				strings.Join(wl[lo:min(len(wl), i+4)], "\n"), strings.Join(gl[lo:min(len(gl), i+4)], "\n"), fmt.Sprint(got.Errors))
		}
	}
}

// WithoutNotCollected copies s without the entries recorded for services left out.
func WithoutNotCollected(s *snapshot.Snapshot) *snapshot.Snapshot {
	out := *s
	out.Errors = []snapshot.CollectionError{}
	for _, e := range s.Errors {
		if e.Code != "NotCollected" {
			out.Errors = append(out.Errors, e)
		}
	}
	out.Complete = len(out.Errors) == 0
	return &out
}
