package audit

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/incloud/incloud/pkg/engine"
	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
)

const demo = "../../testdata/snapshots/aws-demo.json"

func demoInput(t *testing.T) Input {
	t.Helper()
	data, err := os.ReadFile(demo)
	if err != nil {
		t.Fatal(err)
	}
	tg, err := snapshot.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	return Input{Name: demo, Document: tg}
}

// options are the CLI's defaults for a test: built-in checks, output to a buffer, warnings kept.
func options(stdout *bytes.Buffer, warnings *[]string) Options {
	var mu sync.Mutex
	return Options{
		Tool:    findings.Tool{Name: "incloud", Version: "test-1"},
		Engine:  engine.Options{Builtin: policies.FS},
		Schemas: policies.FS,
		Stdout:  stdout,
		Warn: func(msg string) {
			mu.Lock()
			defer mu.Unlock()
			*warnings = append(*warnings, msg)
		},
	}
}

func TestRunWritesEveryOutputAndFailsOn(t *testing.T) {
	dir := t.TempDir()
	var stdout bytes.Buffer
	var warnings []string
	opts := options(&stdout, &warnings)
	opts.Outputs = []Output{{Format: "table"}, {Format: "json", Path: filepath.Join(dir, "r.json")}}
	opts.FailOn = findings.SeverityCritical
	a, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	out, err := a.Run(context.Background(), []Input{demoInput(t)})
	var fe *FailError
	if !errors.As(err, &fe) || !strings.Contains(fe.Reason, "at or above critical") {
		t.Fatalf("Run on the demo with FailOn critical: err %v, want a *FailError", err)
	}
	if out == nil || out.Report.Tool.Version != "test-1" {
		t.Fatalf("report should carry the tool given in the options: %+v", out)
	}
	if stdout.Len() == 0 {
		t.Error("nothing on stdout")
	}
	data, err := os.ReadFile(filepath.Join(dir, "r.json"))
	if err != nil || !bytes.Contains(data, []byte(`"version": "test-1"`)) {
		t.Errorf("json report not written with the tool version: %v", err)
	}
}

func TestBaselineCountsOnlyNewFailures(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.json")
	var stdout bytes.Buffer
	var warnings []string
	opts := options(&stdout, &warnings)
	opts.Outputs = []Output{{Format: "json", Path: base}}
	a, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Run(context.Background(), []Input{demoInput(t)}); err != nil {
		t.Fatal(err)
	}
	opts.Outputs = []Output{{Format: "json", Path: filepath.Join(dir, "now.json")}}
	opts.Baseline = base
	opts.FailOn = findings.SeverityInfo
	a, err = New(opts)
	if err != nil {
		t.Fatal(err)
	}
	out, err := a.Run(context.Background(), []Input{demoInput(t)})
	if err != nil {
		t.Fatalf("same snapshot against its own baseline: %v", err)
	}
	if len(out.Counted) != 0 {
		t.Errorf("%d results counted against a baseline of the same snapshot", len(out.Counted))
	}
	if findings.Failing(out.Report.Results, findings.SeverityInfo) == 0 {
		t.Error("the report itself should still list the demo's failures")
	}
}

type testCause struct{}

func (testCause) Error() string { return "test signal" }

func TestInterruptedEvaluationWritesNothing(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "r.json")
	var stdout bytes.Buffer
	var warnings []string
	opts := options(&stdout, &warnings)
	opts.Outputs = []Output{{Format: "table"}, {Format: "json", Path: target}}
	a, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(testCause{})
	_, err = a.Run(ctx, []Input{demoInput(t)})
	var ie *InterruptedError
	if !errors.As(err, &ie) || !errors.As(err, new(testCause)) {
		t.Fatalf("cancelled run: err %v, want an *InterruptedError carrying the cause", err)
	}
	if stdout.Len() != 0 {
		t.Errorf("an interrupted run wrote to stdout: %q", stdout.String())
	}
	if _, err := os.Stat(target); !os.IsNotExist(err) {
		t.Errorf("an interrupted run wrote %s (stat: %v)", target, err)
	}
}

func TestAllErrorResultsAreReported(t *testing.T) {
	s := snapshot.New("aws", "123456789012", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	s.Complete = true
	s.AddError(snapshot.CollectionError{ResourceType: "aws_s3_bucket", Operation: "s3:ListBuckets", Code: "AccessDenied", Message: "denied"})
	tg, err := s.Document()
	if err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	var warnings []string
	opts := options(&stdout, &warnings)
	opts.Outputs = []Output{{Format: "json"}}
	a, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	out, err := a.Run(context.Background(), []Input{{Name: "s", Document: tg}})
	if err != nil {
		t.Fatal(err)
	}
	n := out.Report.Summary.ByStatus[findings.StatusError]
	if n == 0 || n != out.Report.Summary.Total {
		t.Fatalf("fixture should give only error results: %+v", out.Report.Summary.ByStatus)
	}
	found := false
	for _, w := range warnings {
		found = found || strings.Contains(w, "are errors: nothing could be checked")
	}
	if !found {
		t.Errorf("no warning that every result is an error: %q", warnings)
	}

	// A run with passes and failures does not say so.
	warnings = nil
	if _, err := a.Run(context.Background(), []Input{demoInput(t)}); err != nil {
		t.Fatal(err)
	}
	for _, w := range warnings {
		if strings.Contains(w, "nothing could be checked") {
			t.Errorf("demo run warned %q", w)
		}
	}
}
