package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/incloud/incloud/collectors/aws/awsfake"
)

// BenchmarkFleetScan measures `scan aws --organization --role` over a fake organization of 200
// accounts whose every API response takes 20 ms (awsfake.WithLatency), in this process, for
// --account-concurrency 1, 4 and 16. It reports accounts per minute and the peak live heap
// above the idle process (the fake organization's own data included in neither), next to the
// peak heap of scanning the largest account alone (one-account) and that account's snapshot
// size. Each account is small (IAM only: the secure demo's users, roles and policies; the
// management account the full demo's), so that a run takes minutes:
//
//	go test ./cmd/incloud -run '^$' -bench BenchmarkFleetScan -benchtime 1x -timeout 30m
//
// On a 2-core machine shared with other work (December 2026): 300 accounts/min at
// --account-concurrency 1, 596 at 4, 461 at 16; peak heap 77, 101, 107 MB; one account alone
// 40 MB (a 26 KB snapshot). With INCLOUD_FLEET_ACCOUNTS=50: 50 and 71 MB at 1 and 4.
//
// INCLOUD_FLEET_ACCOUNTS sets another organization size (to see that the peak heap does not
// follow it beyond the results the report holds).
func BenchmarkFleetScan(b *testing.B) {
	const latency = 20 * time.Millisecond
	accounts := 200
	if v := os.Getenv("INCLOUD_FLEET_ACCOUNTS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("INCLOUD_FLEET_ACCOUNTS=%q: want a positive number", v)
		}
		accounts = n
	}
	mgmt := accountCopy(b, demo, orgMgmt)
	org := awsfake.Organization{ID: "o-benchfleet", ManagementAccount: orgMgmt,
		Accounts: []awsfake.OrgAccount{{ID: orgMgmt, Name: "management", Status: "ACTIVE"}}}
	members := map[string]*awsfake.Server{}
	for i := 1; i < accounts; i++ {
		id := fmt.Sprintf("%012d", 200000000000+i)
		org.Accounts = append(org.Accounts, awsfake.OrgAccount{ID: id, Name: fmt.Sprintf("member-%d", i), Status: "ACTIVE"})
		members[id] = awsfake.New(accountCopy(b, demoSecure, id), awsfake.WithLatency(latency))
	}
	f := awsfake.NewFleet(awsfake.New(mgmt, awsfake.WithOrganization(org), awsfake.WithLatency(latency)), members, orgRole)
	defer f.Close()
	awsEnv(b, f.URL)
	dir := b.TempDir()
	scan := func(b *testing.B, args ...string) (peak uint64) {
		runtime.GC()
		base := liveHeap()
		stop := sampleHeap(&peak)
		code, _, stderr := runAWSCLI(b, append([]string{"scan", "aws", "--services", "iam", "--quiet", "--format", "json=" + filepath.Join(dir, "r.json")}, args...)...)
		stop()
		if code != 0 {
			b.Fatalf("exit %d: %s", code, stderr)
		}
		if peak < base {
			return 0
		}
		return peak - base
	}
	for _, c := range []int{1, 4, 16} {
		b.Run(fmt.Sprintf("account-concurrency=%d", c), func(b *testing.B) {
			var peak uint64
			start := time.Now()
			for range b.N {
				peak = max(peak, scan(b, "--organization", "--role", orgRole, "--account-concurrency", fmt.Sprint(c)))
			}
			perRun := time.Since(start) / time.Duration(b.N)
			b.ReportMetric(float64(accounts)/perRun.Minutes(), "accounts/min")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
	b.Run("one-account", func(b *testing.B) {
		b.Setenv("AWS_ENDPOINT_URL", f.Member(orgMgmt).URL)
		snapFile := filepath.Join(dir, "one.json")
		var peak uint64
		for range b.N {
			peak = max(peak, scan(b, "--snapshot-out", snapFile))
		}
		fi, err := os.Stat(snapFile)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(fi.Size())/(1<<10), "snapshot-KB")
	})
}

// liveHeap is the heap held by live and not yet swept objects.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// sampleHeap records the largest liveHeap into peak every millisecond until stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			*peak = max(*peak, liveHeap())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}
