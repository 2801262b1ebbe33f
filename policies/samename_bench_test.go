package policies

import (
	"context"
	"fmt"
	"os"
	"sort"
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
// number of resources whatever their names (the bound: 2.3).
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
	evaluate := func(data []byte) time.Duration {
		t, err := snapshot.Read(data)
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		rep, err := e.EvaluateTargets(context.Background(), t)
		if err != nil {
			b.Fatal(err)
		}
		d := time.Since(t0)
		if len(rep.Results) < n {
			b.Fatalf("only %d results", len(rep.Results))
		}
		return d
	}
	var tSmall, tLarge []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tSmall = append(tSmall, evaluate(small))
		tLarge = append(tLarge, evaluate(large))
	}
	b.StopTimer()
	ms, ml := median(tSmall), median(tLarge)
	b.ReportMetric(float64(ms.Milliseconds()), "n-ms")
	b.ReportMetric(float64(ml.Milliseconds()), "2n-ms")
	b.ReportMetric(float64(ml)/float64(ms), "2n/n-ratio")
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
