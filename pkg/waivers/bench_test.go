package waivers

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/incloud/incloud/pkg/findings"
)

// BenchmarkApply applies 50 waivers (10 globs) to 100,000 results of 10 checks.
func BenchmarkApply(b *testing.B) {
	var src strings.Builder
	src.WriteString("waivers:\n")
	for i := 0; i < 50; i++ {
		res := fmt.Sprintf("arn:aws:s3:::bucket-%d", i*7)
		if i%5 == 0 {
			res = fmt.Sprintf("arn:aws:s3:::bucket-%d*", i)
		}
		src.WriteString(waiverYAML(fmt.Sprintf("aws-s3-check-%d", i%10), res, "2099-01-01"))
	}
	f, err := Parse([]byte(src.String()), "bench.yaml")
	if err != nil {
		b.Fatal(err)
	}
	base := make([]findings.Result, 0, 100000)
	for i := 0; i < 100000; i++ {
		base = append(base, result(fmt.Sprintf("aws-s3-check-%d", i%10), fmt.Sprintf("arn:aws:s3:::bucket-%d", i/10), findings.StatusFail, findings.SeverityHigh))
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		rep := &findings.Report{Results: append([]findings.Result(nil), base...)}
		b.StartTimer()
		out := Apply(rep, f, now)
		if out.Waived == 0 {
			b.Fatal("nothing waived")
		}
	}
}
