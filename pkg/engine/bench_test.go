package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/policies"
)

// accountScoped types have a handful of resources in any account (one account, one per region, a few
// trails and their alarms): the generator keeps the demo's and scales the rest.
var accountScoped = map[string]bool{
	"aws_account": true, "aws_region": true, "aws_cloudtrail_trail": true,
	"aws_logs_metric_filter": true, "aws_cloudwatch_alarm": true,
}

// generateSnapshot builds an AWS snapshot of n resources by cloning the resources of the
// demo snapshot (so each one has exactly the collector's shape) under new ids, in the demo's mix
// of types. The single aws_account stays single.
func generateSnapshot(tb testing.TB, n int) []byte {
	tb.Helper()
	demo, err := snapshot.ReadFile("../../testdata/snapshots/aws-demo.json")
	if err != nil {
		tb.Fatalf("the benchmark clones the demo snapshot: %v", err)
	}
	types := make([]string, 0, len(demo.Resources))
	var templates []struct {
		typ string
		r   snapshot.Resource
	}
	for t := range demo.Resources {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		if accountScoped[t] {
			continue
		}
		for _, r := range demo.Resources[t] {
			templates = append(templates, struct {
				typ string
				r   snapshot.Resource
			}{t, r})
		}
	}
	out := snapshot.New("aws", demo.Account, demo.CollectedAt)
	out.Collector = demo.Collector
	out.Scope = demo.Scope
	for t := range accountScoped {
		out.Resources[t] = demo.Resources[t]
		n -= len(demo.Resources[t])
	}
	for i := 0; i < n; i++ {
		tmpl := templates[i%len(templates)]
		u := uniquifier{
			suffix: fmt.Sprintf("-%d", i),
			oldID:  tmpl.r.ID(), newID: fmt.Sprintf("%s-%d", tmpl.r.ID(), i),
		}
		if name, _ := tmpl.r["name"].(string); name != "" {
			u.oldName, u.newName = name, fmt.Sprintf("%s-%d", name, i)
		}
		clone := u.value("", map[string]any(tmpl.r)).(map[string]any)
		clone["id"], clone["name"] = u.newID, u.newName
		out.Add(tmpl.typ, clone)
	}
	for _, e := range demo.Errors {
		out.AddError(e)
	}
	data, err := snapshot.Marshal(out)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// uniquifier deep-copies a template resource so that no two generated resources share nested
// content: references to the template's id or name (a bucket policy's Resource ARNs) follow the
// clone, and every nested identifier (*_id: access keys, rule and entry ids, ...) becomes unique.
// Otherwise OPA would evaluate each distinct nested value once and the benchmark would flatter it.
type uniquifier struct {
	suffix                         string
	oldID, newID, oldName, newName string
}

func (u uniquifier) value(key string, v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = u.value(k, x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = u.value(key, x)
		}
		return out
	case string:
		pairs := []string{u.oldID, u.newID}
		if u.oldName != "" {
			pairs = append(pairs, u.oldName, u.newName)
		}
		// One pass: the id often contains the name, and must not be renamed twice.
		s := strings.NewReplacer(pairs...).Replace(v)
		if strings.HasSuffix(key, "_id") && s != "" && s == v {
			s += u.suffix
		}
		return s
	}
	return v
}

// peakHeap samples the heap while fn runs and returns the highest HeapInuse seen above the
// baseline taken just before.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > base && m.HeapInuse-base > peak.Load() {
				peak.Store(m.HeapInuse - base)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(stop)
	wg.Wait()
	return peak.Load()
}

// BenchmarkEvaluate100k evaluates every built-in check over a generated 100,000-resource AWS
// snapshot as eval does (read + convert + schema check + all checks) and reports, from the same run, the ratio of that time to
// json.Unmarshal of the same bytes into map[string]any, and the peak heap as a multiple of the
// snapshot's size.
func BenchmarkEvaluate100k(b *testing.B) {
	n := 100000
	if s := os.Getenv("INCLOUD_BENCH_RESOURCES"); s != "" {
		fmt.Sscan(s, &n)
	}
	data := generateSnapshot(b, n)
	e, err := Load(Options{Builtin: policies.FS})
	if err != nil {
		b.Fatal(err)
	}
	v, err := snapshot.NewValidator(policies.FS, "schemas")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	evaluate := func() {
		t, err := snapshot.Read(data)
		if err != nil {
			b.Fatal(err)
		}
		if err := v.Check(t); err != nil {
			b.Fatal(err)
		}
		rep, err := e.EvaluateTargets(ctx, t)
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Results) < n {
			b.Fatalf("only %d results for %d resources", len(rep.Results), n)
		}
	}
	unmarshal := func() {
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			b.Fatal(err)
		}
	}
	// Times are measured without the heap sampler (ReadMemStats stops the world); the peak heap
	// is measured by one more, untimed, evaluation.
	var tUnmarshal, tEval time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		unmarshal()
		t1 := time.Now()
		evaluate()
		tUnmarshal += t1.Sub(t0)
		tEval += time.Since(t1)
	}
	b.StopTimer()
	peak := peakHeap(evaluate)
	b.ReportMetric(float64(len(data))/1e6, "snapshot-MB")
	b.ReportMetric(float64(tUnmarshal.Milliseconds())/float64(b.N), "unmarshal-ms/op")
	b.ReportMetric(float64(tEval.Milliseconds())/float64(b.N), "evaluate-ms/op")
	b.ReportMetric(float64(tEval)/float64(tUnmarshal), "time-ratio")
	b.ReportMetric(float64(peak)/float64(len(data)), "peak-heap-ratio")
	// The most one check charged to its allocation budget (limits.go), to compare with the budget.
	b.ReportMetric(float64(e.peakAlloc.Load())/1e6, "max-check-alloc-MB")
}
