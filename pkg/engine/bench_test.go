package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/pkg/snapshot/synth"
	"github.com/incloud/incloud/policies"
)

// generateSnapshot builds an AWS snapshot of n resources from the demo snapshot (synth.Generate).
func generateSnapshot(tb testing.TB, n int) []byte {
	tb.Helper()
	demo, err := snapshot.ReadFile("../../testdata/snapshots/aws-demo.json")
	if err != nil {
		tb.Fatalf("the benchmark clones the demo snapshot: %v", err)
	}
	s, err := synth.Generate(demo, n)
	if err != nil {
		tb.Fatal(err)
	}
	data, err := snapshot.Marshal(s)
	if err != nil {
		tb.Fatal(err)
	}
	return data
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
		// Each timed part starts from a collected heap, so that neither pays for the other's
		// garbage.
		runtime.GC()
		t0 := time.Now()
		unmarshal()
		tUnmarshal += time.Since(t0)
		runtime.GC()
		t1 := time.Now()
		evaluate()
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
