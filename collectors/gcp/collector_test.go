package gcp

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/incloud/incloud/collectors"
	"github.com/incloud/incloud/collectors/collection"
	"github.com/incloud/incloud/collectors/collectortest"
	"github.com/incloud/incloud/collectors/fakecloud"
	"github.com/incloud/incloud/collectors/gcp/gcpfake"
	"github.com/incloud/incloud/pkg/engine"
	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
)

var demos = []string{"../../testdata/snapshots/gcp-demo.json", "../../testdata/snapshots/gcp-demo-data.json"}

func readDemo(t testing.TB, path string) *snapshot.Snapshot {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := snapshot.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func testOptions(url string, like *snapshot.Snapshot) collectors.Options {
	return collectors.Options{
		EndpointURL: url, Concurrency: 8,
		RetryMaxAttempts: 3, RetryMaxBackoff: 2 * time.Millisecond, RequestTimeout: 10 * time.Second,
		Now: func() time.Time { return like.CollectedAt }, Version: like.Collector.Version,
	}
}

// TestScanEqualsEval: evaluating what the collector reads from a fake seeded with a demo gives,
// check by check and resource by resource, the results of evaluating the demo itself.
func TestScanEqualsEval(t *testing.T) {
	eng, err := engine.Load(engine.Options{Builtin: policies.FS, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	results := func(s *snapshot.Snapshot) map[string]string {
		rep, err := eng.Evaluate(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, r := range rep.Results {
			out[r.CheckID+" "+r.ResourceID] = string(r.Status) + ": " + r.Message
		}
		return out
	}
	for _, path := range demos {
		demo := readDemo(t, path)
		f := gcpfake.New(demo)
		got, err := New(demo.Account, testOptions(f.URL, demo)).Collect(context.Background())
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		want, have := results(demo), results(got)
		if len(want) == 0 {
			t.Fatalf("%s: no results", path)
		}
		for k, w := range want {
			if have[k] != w {
				t.Errorf("%s: %s: scan gives %q, eval of the demo %q", path, k, have[k], w)
			}
		}
		for k, h := range have {
			if _, ok := want[k]; !ok {
				t.Errorf("%s: %s: only the scan has %q", path, k, h)
			}
		}
	}
}

// TestTransientErrorsRetried: 503 and 429 answers are retried with backoff, a lasting one is
// returned after the attempts, and a canceled context stops the waiting.
func TestTransientErrorsRetried(t *testing.T) {
	var answers []int
	calls := 0
	next := roundTripFunc(func(*http.Request) (*http.Response, error) {
		status := answers[min(calls, len(answers)-1)]
		calls++
		return &http.Response{StatusCode: status, Body: http.NoBody}, nil
	})
	rt := retrying{next: next, attempts: 3, maxBackoff: time.Millisecond}
	req, _ := http.NewRequest("GET", "https://storage.googleapis.com/storage/v1/b", nil)

	answers, calls = []int{503, 429, 200}, 0
	if resp, err := rt.RoundTrip(req); err != nil || resp.StatusCode != 200 || calls != 3 {
		t.Errorf("503, 429, 200: got %v %v after %d calls", resp, err, calls)
	}
	answers, calls = []int{503}, 0
	if resp, _ := rt.RoundTrip(req); resp.StatusCode != 503 || calls != 3 {
		t.Errorf("a lasting 503: got %d after %d attempts, want 503 after 3", resp.StatusCode, calls)
	}
	answers, calls = []int{403}, 0
	if resp, _ := rt.RoundTrip(req); resp.StatusCode != 403 || calls != 1 {
		t.Errorf("403 is not retried: got %d after %d attempts", resp.StatusCode, calls)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	answers, calls = []int{503}, 0
	slow := retrying{next: next, attempts: 3, maxBackoff: time.Hour}
	if _, err := slow.RoundTrip(req.WithContext(ctx)); err == nil || calls != 1 {
		t.Errorf("a canceled request kept retrying: %v after %d calls", err, calls)
	}
}

// TestDefaultProject: the project comes from the environment, then the ADC file, then gcloud.
func TestDefaultProject(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GOOGLE_CLOUD_PROJECT", "")
	t.Setenv("CLOUDSDK_CORE_PROJECT", "")
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", "")
	t.Setenv("CLOUDSDK_CONFIG", dir)
	if p := DefaultProject(); p != "" {
		t.Errorf("nothing configured: %q", p)
	}
	os.MkdirAll(dir+"/configurations", 0o755)
	os.WriteFile(dir+"/active_config", []byte("work\n"), 0o644)
	os.WriteFile(dir+"/configurations/config_work", []byte("[compute]\nproject = wrong\n[core]\naccount = a@example.com\nproject = from-gcloud\n"), 0o644)
	if p := DefaultProject(); p != "from-gcloud" {
		t.Errorf("gcloud configuration: %q", p)
	}
	os.WriteFile(dir+"/application_default_credentials.json", []byte(`{"type":"authorized_user","quota_project_id":"from-adc"}`), 0o644)
	if p := DefaultProject(); p != "from-adc" {
		t.Errorf("ADC quota project: %q", p)
	}
	t.Setenv("GOOGLE_CLOUD_PROJECT", "from-env")
	if p := DefaultProject(); p != "from-env" {
		t.Errorf("GOOGLE_CLOUD_PROJECT: %q", p)
	}
}

// TestRegistryReadOnly: every registered operation is a get, list, getIamPolicy,
// testIamPermissions or search; the rule rejects writes and secret-returning methods.
func TestRegistryReadOnly(t *testing.T) {
	if len(Operations()) == 0 {
		t.Fatal("no operations")
	}
	for _, op := range Operations() {
		if !op.ReadOnly {
			t.Errorf("%s (%s) is not read-only", op.Name(), op.Permission)
		}
	}
	for _, w := range []collection.Operation{
		{Service: "apikeys", Action: "keys.getKeyString", Permission: "apikeys.keys.getKeyString"},
		{Service: "storage", Action: "buckets.setIamPolicy", Permission: "storage.buckets.setIamPolicy"},
		{Service: "compute", Action: "instances.delete", Permission: "compute.instances.delete"},
		{Service: "iam", Action: "serviceAccounts.keys.create", Permission: "iam.serviceAccountKeys.create"},
		{Service: "storage", Action: "buckets.list", Permission: "storage.buckets.update"},
	} {
		if isReadOnly(w) {
			t.Errorf("%s (%s) passes the read-only rule", w.Name(), w.Permission)
		}
	}
}

// TestGuardRefusesUnregistered: a request for no registered operation, or made outside the
// call registered for it, never leaves the process.
func TestGuardRefusesUnregistered(t *testing.T) {
	sent := 0
	g := guard{next: roundTripFunc(func(*http.Request) (*http.Response, error) { sent++; return nil, fmt.Errorf("sent") })}
	req, _ := http.NewRequest("GET", "https://storage.googleapis.com/storage/v1/b/x/o", nil)
	if _, err := g.RoundTrip(req); err == nil || !strings.Contains(err.Error(), "not a registered operation") {
		t.Errorf("unregistered request: %v", err)
	}
	req, _ = http.NewRequest("GET", "https://storage.googleapis.com/storage/v1/b", nil)
	if _, err := g.RoundTrip(req.WithContext(collection.WithOperation(context.Background(), opBucketsGetIamPolicy))); err == nil {
		t.Error("a buckets.list request inside a getIamPolicy call was sent")
	}
	if _, err := g.RoundTrip(req.WithContext(collection.WithOperation(context.Background(), opBucketsList))); err == nil || err.Error() != "sent" {
		t.Errorf("the registered request was not sent: %v", err)
	}
	if sent != 1 {
		t.Errorf("%d requests sent, want 1", sent)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestListFailureCoversWhatItHides: a key-ring list denied in one location leaves that
// location's key rings and keys unknown: both get an error entry, and the KMS checks report
// error there instead of passing on keys nobody saw.
func TestListFailureCoversWhatItHides(t *testing.T) {
	demo := readDemo(t, demos[0])
	demo.Errors = append(demo.Errors, snapshot.CollectionError{ResourceType: "gcp_kms_key_ring", Region: "us-central1",
		Operation: "cloudkms:keyRings.list", Code: "PERMISSION_DENIED", Message: "Permission 'cloudkms.keyRings.list' denied on resource"})
	f := gcpfake.New(demo)
	defer f.Close()
	got, err := New(demo.Account, testOptions(f.URL, demo)).Collect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, e := range got.Errors {
		if e.Operation == "cloudkms:keyRings.list" && e.Region == "us-central1" && e.ResourceID == "" && e.Code == "PERMISSION_DENIED" {
			found[e.ResourceType] = true
		}
	}
	if !found["gcp_kms_key_ring"] || !found["gcp_kms_crypto_key"] {
		t.Fatalf("want the denied list on both KMS types, got %+v", got.Errors)
	}
	for _, r := range got.Resources["gcp_kms_crypto_key"] {
		if r.Region() == "us-central1" {
			t.Errorf("key %s collected from a location whose key rings could not be listed", r.ID())
		}
	}
	eng, err := engine.Load(engine.Options{Builtin: policies.FS, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eng.Evaluate(context.Background(), got)
	if err != nil {
		t.Fatal(err)
	}
	errs := 0
	for _, r := range rep.Results {
		if r.CheckID == "gcp-kms-key-rotation" && r.Region == "us-central1" {
			if r.Status != "error" {
				t.Errorf("gcp-kms-key-rotation in us-central1: %s", r.Status)
			}
			errs++
		}
	}
	if errs == 0 {
		t.Error("no error result for the keys of us-central1")
	}
}

// TestFakeTransientFailuresRetried: the fake's transient failures (429 on a list, 503 on a
// get) are retried and the collection is the demo; past the attempts they are error entries
// with Google's status.
func TestFakeTransientFailuresRetried(t *testing.T) {
	demo := readDemo(t, demos[1])
	for op, code := range map[string]string{"logging:sinks.list": "RESOURCE_EXHAUSTED", "resourcemanager:projects.getAncestry": "UNAVAILABLE"} {
		f := gcpfake.New(demo, fakecloud.WithThrottle(op, 2))
		got, err := New(demo.Account, testOptions(f.URL, demo)).Collect(context.Background())
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		collectortest.AssertSame(t, demo, got)
		f = gcpfake.New(demo, fakecloud.WithThrottle(op, 100))
		got, err = New(demo.Account, testOptions(f.URL, demo)).Collect(context.Background())
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range got.Errors {
			found = found || e.Operation == op && e.Code == code
		}
		if !found {
			t.Errorf("%s failing past the retries: no %s entry in %+v", op, code, got.Errors)
		}
	}
}
