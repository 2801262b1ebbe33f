//go:build unix

package policies

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/incloud/incloud/pkg/engine"
	"github.com/incloud/incloud/pkg/snapshot"
)

// sameNameTypes are the types whose copies keep their names in BenchmarkSameNames: lookups keyed
// by name (a trail's bucket, a filter's log group, an alarm's metric) meet every copy.
var sameNameTypes = []string{"aws_cloudtrail_trail", "aws_logs_metric_filter", "aws_cloudwatch_alarm", "aws_s3_bucket"}

// sameNameSnapshot is the demo snapshot with its trails, metric filters, alarms and buckets
// replaced by n resources of those types, cloned round-robin from the demo's under new ids and
// the template's name: n/4 copies per type, each name shared by many.
func sameNameSnapshot(tb testing.TB, n int) []byte {
	tb.Helper()
	demo, err := snapshot.ReadFile("../testdata/snapshots/aws-demo.json")
	if err != nil {
		tb.Fatal(err)
	}
	for _, typ := range sameNameTypes {
		tmpl := demo.Resources[typ]
		if len(tmpl) == 0 {
			tb.Fatalf("the demo snapshot has no %s to copy", typ)
		}
		copies := make([]snapshot.Resource, n/len(sameNameTypes))
		for i := range copies {
			r := clone(map[string]any(tmpl[i%len(tmpl)])).(map[string]any)
			r["id"] = fmt.Sprintf("%s-copy-%d", r["id"], i)
			copies[i] = r
		}
		demo.Resources[typ] = copies
	}
	data, err := snapshot.Marshal(demo)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func clone(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = clone(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = clone(x)
		}
		return out
	}
	return v
}

// BenchmarkSameNames evaluates every built-in check over snapshots with n and 2n same-named
// trails, metric filters, alarms and buckets (INCLOUD_BENCH_SAME_NAMES sets n, default 8,000) and
// reports the time of each and their ratio, which stays near 2 when evaluation is linear in the
// number of resources whatever their names (the bound: 2.3). It reports wall time and the
// process's CPU time (user + system, garbage collection included): on a busy machine the CPU
// ratio is the steadier one.
//
//	go test ./policies -run '^$' -bench SameNames -benchtime 1x
func BenchmarkSameNames(b *testing.B) {
	n := 8000
	if s := envInt("INCLOUD_BENCH_SAME_NAMES"); s > 0 {
		n = s
	}
	e, err := engine.Load(engine.Options{Builtin: FS})
	if err != nil {
		b.Fatal(err)
	}
	small, large := sameNameSnapshot(b, n), sameNameSnapshot(b, 2*n)
	evaluate := func(data []byte) (wall, cpu time.Duration) {
		t, err := snapshot.Read(data)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		t0, c0 := time.Now(), cpuTime()
		rep, err := e.EvaluateTargets(context.Background(), t)
		if err != nil {
			b.Fatal(err)
		}
		wall, cpu = time.Since(t0), cpuTime()-c0
		if len(rep.Results) < n {
			b.Fatalf("only %d results", len(rep.Results))
		}
		return wall, cpu
	}
	var wSmall, wLarge, cSmall, cLarge []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w, c := evaluate(small)
		wSmall, cSmall = append(wSmall, w), append(cSmall, c)
		w, c = evaluate(large)
		wLarge, cLarge = append(wLarge, w), append(cLarge, c)
	}
	b.StopTimer()
	b.ReportMetric(float64(median(wSmall).Milliseconds()), "n-ms")
	b.ReportMetric(float64(median(wLarge).Milliseconds()), "2n-ms")
	b.ReportMetric(float64(median(wLarge))/float64(median(wSmall)), "2n/n-ratio")
	b.ReportMetric(float64(median(cSmall).Milliseconds()), "n-cpu-ms")
	b.ReportMetric(float64(median(cLarge).Milliseconds()), "2n-cpu-ms")
	b.ReportMetric(float64(median(cLarge))/float64(median(cSmall)), "2n/n-cpu-ratio")
}

// cpuTime is the CPU time (user and system) the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func envInt(name string) int {
	var n int
	fmt.Sscan(os.Getenv(name), &n)
	return n
}
