package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

func TestMemoryLimitSources(t *testing.T) {
	if got := memTotal("MemFree:   1000 kB\nMemTotal:       24000000 kB\n"); got != 24000000*1024 {
		t.Errorf("memTotal = %d", got)
	}
	if got := memTotal("MemFree: 1 kB\n"); got != 0 {
		t.Errorf("memTotal without MemTotal = %d, want 0", got)
	}
	for in, want := range map[string]int64{
		"max\n":                 0,
		"8589934592\n":          8589934592,
		"9223372036854771712\n": 0, // cgroup v1's "no limit"
		"":                      0,
	} {
		if got := cgroupLimit(in); got != want {
			t.Errorf("cgroupLimit(%q) = %d, want %d", in, got, want)
		}
	}
	if l := memoryLimit(); l < 0 {
		t.Errorf("memoryLimit() = %d", l)
	}
}

func TestEvalLimit(t *testing.T) {
	for _, c := range []struct{ input, ceiling, want int64 }{
		{200 << 20, 16 << 30, 1200 << 20}, // 6 times the input
		{1 << 20, 16 << 30, minEvalLimit}, // the loaded checks' share at least
		{3 << 30, 16 << 30, 0},            // at or over the machine's limit: keep the default pace
		{200 << 20, 0, 1200 << 20},        // machine memory unknown
	} {
		if got := evalLimit(c.input, c.ceiling); got != c.want {
			t.Errorf("evalLimit(%d, %d) = %d, want %d", c.input, c.ceiling, got, c.want)
		}
	}
}

func TestHeapGuard(t *testing.T) {
	g := &heapGuard{limit: 1000, ceiling: 10000}
	if got := g.next(800); got != 1000 {
		t.Errorf("live at 80%% of the limit: next = %d, want the limit kept", got)
	}
	if got := g.next(900); got != 1125 {
		t.Errorf("live at 90%% of the limit: next = %d, want live + 25%% (1125)", got)
	}
	if got := g.next(8000); got != 0 {
		t.Errorf("raising to the machine's limit: next = %d, want 0 (back to GOGC=100)", got)
	}
	g.ceiling = 0
	if got := g.next(8000); got != 10000 {
		t.Errorf("no machine limit known: next = %d, want 10000", got)
	}
}

// TestTuneMemory: without GOGC and GOMEMLIMIT an evaluation's input sets the soft limit and
// turns GOGC pacing off; the guard, run after real collections, keeps a limit the live heap
// outgrows above it; with GOGC set nothing changes.
func TestTuneMemory(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOGC")
	os.Unsetenv("GOMEMLIMIT")
	ceiling := memoryLimit()
	g := tuneMemory(1 << 20) // the least limit, below this test's live heap once it grows
	if g == nil {
		t.Fatal("tuneMemory changed nothing")
	}
	defer g.stop()
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GOGC after tuneMemory = %d, want off (-1)", got)
	}
	if got := debug.SetMemoryLimit(-1); got != minEvalLimit {
		t.Errorf("limit after tuneMemory = %d, want %d", got, minEvalLimit)
	}
	// Keep more than the limit live: the guard must raise the limit above it after a collection
	// (or, on a machine whose limit is lower than that, return to GOGC=100).
	keep := make([][]byte, 0, 40)
	for range cap(keep) {
		keep = append(keep, make([]byte, 8<<20)) // 320 MB
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // the finalizer goroutine
		l, gogc := debug.SetMemoryLimit(-1), debug.SetGCPercent(-1)
		debug.SetGCPercent(gogc)
		if l > 320<<20 || (gogc == 100 && l == ceiling) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("limit %d, GOGC %d after collections with 320 MB live: the guard did not raise it", l, gogc)
		}
	}
	runtime.KeepAlive(keep)

	// Another run in this process ends the first guard.
	g2 := tuneMemory(1 << 20)
	if g2 == nil || !g.stopped.Load() || g2.stopped.Load() {
		t.Fatalf("a second tuneMemory: new guard %v, first stopped %v", g2, g.stopped.Load())
	}
	defer g2.stop()

	debug.SetGCPercent(100)
	debug.SetMemoryLimit(ceiling)
	t.Setenv("GOGC", "100")
	if tuneMemory(1<<20) != nil {
		t.Error("with GOGC set, tuneMemory returned a guard")
	}
	if got := debug.SetMemoryLimit(-1); got != ceiling {
		t.Errorf("with GOGC set, tuneMemory changed the limit to %d", got)
	}
}

// TestCgroupLimitFiles: the limits of the process's own cgroup and of its ancestors count, in v1
// and v2, besides the root's (a container's view).
func TestCgroupLimitFiles(t *testing.T) {
	self := "12:pids:/\n4:memory:/batch/job-7\n1:cpu,cpuacct:/batch\n0::/user.slice/run-1.scope\n"
	got := cgroupLimitFiles("/sys/fs/cgroup", self)
	want := []string{
		"/sys/fs/cgroup/memory.max",
		"/sys/fs/cgroup/memory/memory.limit_in_bytes",
		"/sys/fs/cgroup/memory/batch/job-7/memory.limit_in_bytes",
		"/sys/fs/cgroup/memory/batch/memory.limit_in_bytes",
		"/sys/fs/cgroup/user.slice/run-1.scope/memory.max",
		"/sys/fs/cgroup/user.slice/memory.max",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("cgroupLimitFiles =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := cgroupLimitFiles("/c", "0::/\n"); len(got) != 2 {
		t.Errorf("root cgroup: %v, want the two root files only", got)
	}
}
