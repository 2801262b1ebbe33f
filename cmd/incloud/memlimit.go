package main

import (
	"bufio"
	"cmp"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
)

// memoryLimitShare is the part of the memory available to the process that the garbage collector
// is asked to stay within (debug.SetMemoryLimit): near it, the collector runs more often instead
// of letting the heap grow by GOGC, so a large snapshot slows down rather than being killed.
const memoryLimitShare = 0.75

// memoryLimit is the soft memory limit for this process: memoryLimitShare of its cgroup's memory
// limit or of the machine's memory, whichever is smaller; 0 when neither is known.
func memoryLimit() int64 {
	avail := int64(0)
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		avail = memTotal(string(b))
	}
	self, _ := os.ReadFile("/proc/self/cgroup")
	for _, p := range cgroupLimitFiles("/sys/fs/cgroup", string(self)) {
		if b, err := os.ReadFile(p); err == nil {
			if l := cgroupLimit(string(b)); l > 0 && (avail == 0 || l < avail) {
				avail = l
			}
		}
	}
	return int64(float64(avail) * memoryLimitShare)
}

// cgroupLimitFiles lists the memory limit files that bound this process, from the mount point
// root and /proc/self/cgroup's text: the root's own (what a container sees, its cgroup namespace
// making its cgroup the root), then the process's cgroup and each of its ancestors, for cgroup
// v2 (memory.max) and v1 (the memory controller's memory.limit_in_bytes). A limit on any of them
// bounds the process (a systemd slice or a batch system's job cgroup on a plain host).
func cgroupLimitFiles(root, self string) []string {
	files := []string{root + "/memory.max", root + "/memory/memory.limit_in_bytes"}
	add := func(dir, file, path string) {
		path = strings.Trim(path, "/")
		for path != "" && path != "." {
			files = append(files, dir+"/"+path+"/"+file)
			i := strings.LastIndexByte(path, '/')
			if i < 0 {
				break
			}
			path = path[:i]
		}
	}
	for _, line := range strings.Split(self, "\n") {
		id, rest, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		controllers, path, ok := strings.Cut(rest, ":")
		if !ok {
			continue
		}
		switch {
		case id == "0" && controllers == "":
			add(root, "memory.max", path)
		case slices.Contains(strings.Split(controllers, ","), "memory"):
			add(root+"/memory", "memory.limit_in_bytes", path)
		}
	}
	return files
}

// memTotal reads MemTotal (in kB) from /proc/meminfo's text, in bytes; 0 if absent.
func memTotal(meminfo string) int64 {
	sc := bufio.NewScanner(strings.NewReader(meminfo))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil || kb <= 0 {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}

// cgroupLimit reads a cgroup memory limit file (v2 memory.max or v1 memory.limit_in_bytes): a
// byte count, or "max" / a huge v1 value for no limit (0).
func cgroupLimit(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 || n >= 1<<62 {
		return 0
	}
	return n
}

// evalLimitPerInputByte sizes the soft memory limit of an evaluation from its snapshot files: the
// heap an evaluation keeps live peaks at about 3 times the files' size with --format json and 4
// times with every format (the OPA value of the snapshot, whose small repeated values the reader
// shares, the results, the reports being written, the loaded checks: 600 and 765 MB at 200,000
// resources, gctrace), so 6 times leaves room for what the checks allocate and let go, and
// keeps the process near 6 times the snapshot's size, where Go's default pace (GOGC=100:
// collect when the heap doubles) reached 12 times at 200,000 resources. (It was 8 while the
// reader kept every value apart and the live heap peaked at 5 times.)
const evalLimitPerInputByte = 6

// minEvalLimit is the least soft limit tuneMemory sets: the loaded checks alone take about 70 MB.
const minEvalLimit = 256 << 20

// tuneMemory paces the garbage collector for evaluating snapshot files of inputBytes bytes: no
// collection by GOGC, but a soft memory limit of evalLimitPerInputByte times the input (at least
// minEvalLimit), so that the collector runs when the heap nears that size and not before: no
// collections while the snapshot is read, then, while the checks run, somewhat more than
// GOGC=100 would (the limit leaves less room above the live heap than GOGC=100's doubling):
// at 200,000 resources with every output format, 1.22 GB peak RSS, 1.61 GB with a limit of 8
// times, and 2.93 GB at GOGC=100 (measured with the earlier reader), for up to a quarter more
// CPU time than GOGC=100 (BenchmarkEvalEndToEnd on a busy machine). A guard after each collection raises the
// limit when the live heap comes near it (an input that needs more than the estimate), and
// returns to GOGC=100 under the machine's limit when it reaches that one: a wrong estimate costs
// memory, never a collector that runs back to back. GOGC or GOMEMLIMIT, when set, win. It
// returns the guard, nil when it changed nothing. A second call (another run in the same
// process, as in tests) first ends the previous guard and restores the default pace.
func tuneMemory(inputBytes int64) *heapGuard {
	if old := activeGuard.Swap(nil); old != nil {
		old.stop()
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(cmp.Or(old.ceiling, math.MaxInt64))
	}
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	g := &heapGuard{ceiling: memoryLimit()}
	if g.limit = evalLimit(inputBytes, g.ceiling); g.limit == 0 {
		return nil // the machine's limit is the lower one: keep the default pace
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(g.limit)
	g.arm()
	activeGuard.Store(g)
	return g
}

// activeGuard is the guard of the last tuneMemory, if any.
var activeGuard atomic.Pointer[heapGuard]

// evalLimit is the soft limit for an evaluation of inputBytes, or 0 when it would not be below
// the machine's limit (ceiling, 0 if unknown).
func evalLimit(inputBytes, ceiling int64) int64 {
	l := max(evalLimitPerInputByte*inputBytes, minEvalLimit)
	if ceiling > 0 && l >= ceiling {
		return 0
	}
	return l
}

// heapGuard watches the live heap after each garbage collection.
type heapGuard struct {
	limit, ceiling int64
	stopped        atomic.Bool
}

// stop ends the guard after the next collection, leaving the collector's settings as they are.
func (g *heapGuard) stop() { g.stopped.Store(true) }

// next is the limit after a collection that left live bytes live: raised to live + 25% once the
// live heap passes 80% of it, so that collections never come back to back; 0 means return to
// the default pace (the raised limit would reach the machine's).
func (g *heapGuard) next(live int64) int64 {
	if live <= g.limit/5*4 {
		return g.limit
	}
	l := live + live/4
	if g.ceiling > 0 && l >= g.ceiling {
		return 0
	}
	return l
}

// gcSentinel is garbage as soon as it is made: its finalizer runs after the next collection.
type gcSentinel struct{ _ *int }

func (g *heapGuard) arm() {
	runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) { g.afterGC() })
}

func (g *heapGuard) afterGC() {
	if g.stopped.Load() {
		return
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return // unknown to this runtime: stay at the limit set
	}
	switch l := g.next(int64(sample[0].Value.Uint64())); {
	case l == 0:
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(g.ceiling)
		return
	case l != g.limit:
		g.limit = l
		debug.SetMemoryLimit(l)
	}
	g.arm()
}

// filesSize is the total size of the files that exist among paths.
func filesSize(paths []string) int64 {
	var n int64
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}
