package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/incloud/incloud/pkg/output"
	"github.com/incloud/incloud/pkg/snapshot"
	"github.com/incloud/incloud/pkg/snapshot/synth"
)

// BenchmarkEvalEndToEnd measures `incloud eval` as users see it: the built binary run as a child
// process over generated AWS snapshots (synth.Generate: the demo's resources replicated with
// unique ids and names), with the JSON output alone and with every output format, next to
// json.Unmarshal of the same file into map[string]any, run just before. It reports the child's
// wall time, CPU time (user+sys from its rusage, steadier than wall time on a loaded machine),
// peak RSS (rusage Maxrss), RSS as a multiple of the snapshot's size, and the ratios of its wall
// and CPU times to Unmarshal's. Run it with -benchtime 1x.
//
// Linux counts in a child's Maxrss the peak RSS of the process that started it (the address
// space it had until exec). So this process stays small: the snapshots are generated, and
// Unmarshal timed, by child processes of this test binary (e2eHelper), never here; floor-RSS-MB
// reports this process's own peak, below which no child's figure means anything.
//
// Environment:
//
//	INCLOUD_E2E_RESOURCES  sizes, comma-separated (default 2000)
//	INCLOUD_E2E_DIR        keep generated snapshots here and reuse them (default: a temporary directory)
//	INCLOUD_E2E_BEFORE     another incloud binary (an older build) measured side by side as bin=before
//	INCLOUD_E2E_FORMATS    "json", "all" or "json,all" (default)
//	INCLOUD_E2E_ENV        extra environment for the child, space-separated (GOGC and GOMEMLIMIT are
//	                       otherwise removed so the binary's own defaults are measured)
//	INCLOUD_E2E_VARIANTS   more runs of this build with extra environment, as bin=head-LABEL:
//	                       LABEL:VAR=VALUE[ VAR=VALUE...], semicolon-separated
//	                       (e.g. "gogc100:GOGC=100;gogc300:GOGC=300")
func BenchmarkEvalEndToEnd(b *testing.B) {
	sizes := []int{2000}
	if s := os.Getenv("INCLOUD_E2E_RESOURCES"); s != "" {
		sizes = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n <= 0 {
				b.Fatalf("INCLOUD_E2E_RESOURCES: %q is not a positive number", f)
			}
			sizes = append(sizes, n)
		}
	}
	dir := os.Getenv("INCLOUD_E2E_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	type binary struct {
		label, path string
		env         []string
	}
	bins := []binary{}
	if p := os.Getenv("INCLOUD_E2E_BEFORE"); p != "" {
		bins = append(bins, binary{label: "before", path: p})
	}
	head := incloudBinary(b)
	bins = append(bins, binary{label: "head", path: head})
	if s := os.Getenv("INCLOUD_E2E_VARIANTS"); s != "" {
		for _, v := range strings.Split(s, ";") {
			label, env, ok := strings.Cut(strings.TrimSpace(v), ":")
			if !ok || label == "" || !strings.Contains(env, "=") {
				b.Fatalf("INCLOUD_E2E_VARIANTS: %q is not LABEL:VAR=VALUE", v)
			}
			bins = append(bins, binary{label: "head-" + label, path: head, env: strings.Fields(env)})
		}
	}
	formatSets := map[string][]string{"json": {"json"}, "all": output.Formats()}
	sets := []string{"json", "all"}
	if s := os.Getenv("INCLOUD_E2E_FORMATS"); s != "" {
		sets = strings.Split(s, ",")
		for _, s := range sets {
			if formatSets[s] == nil {
				b.Fatalf("INCLOUD_E2E_FORMATS: unknown set %q (want json or all)", s)
			}
		}
	}
	for _, n := range sizes {
		path := generatedSnapshot(b, dir, n)
		for _, bin := range bins {
			for _, set := range sets {
				b.Run(fmt.Sprintf("resources=%d/bin=%s/formats=%s", n, bin.label, set), func(b *testing.B) {
					benchEval(b, bin.path, bin.env, path, formatSets[set])
				})
			}
		}
	}
}

// generatedSnapshot writes (or reuses) dir/aws-N.json, a snapshot of n resources, in a child
// process (e2eHelper generate).
func generatedSnapshot(b *testing.B, dir string, n int) string {
	path := filepath.Join(dir, fmt.Sprintf("aws-%d.json", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	runHelper(b, fmt.Sprintf("generate:%d:%s", n, path))
	return path
}

// e2eHelperVar, set in a child's environment, makes this test binary do one heavy job of the
// end-to-end benchmark and exit (see e2eHelper).
const e2eHelperVar = "INCLOUD_E2E_HELPER"

// runHelper runs this test binary as a helper doing job, and returns what it printed.
func runHelper(b *testing.B, job string) string {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), e2eHelperVar+"="+job)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("benchmark helper %s: %v\n%s", job, err, stderr.String())
	}
	return string(out)
}

// e2eHelper does the job named by $INCLOUD_E2E_HELPER, if set, and exits: "generate:N:PATH"
// writes a snapshot of N resources to PATH; "unmarshal:PATH" times json.Unmarshal of PATH into
// map[string]any and prints its wall and CPU time in nanoseconds.
func e2eHelper() {
	job := os.Getenv(e2eHelperVar)
	if job == "" {
		return
	}
	fail := func(err error) {
		fmt.Fprintf(os.Stderr, "%s: %v\n", job, err)
		os.Exit(2)
	}
	kind, arg, _ := strings.Cut(job, ":")
	switch kind {
	case "generate":
		nText, path, _ := strings.Cut(arg, ":")
		n, err := strconv.Atoi(nText)
		if err != nil {
			fail(err)
		}
		demo, err := snapshot.ReadFile("../../testdata/snapshots/aws-demo.json")
		if err != nil {
			fail(err)
		}
		s, err := synth.Generate(demo, n)
		if err != nil {
			fail(err)
		}
		if err := snapshot.WriteFile(path, s); err != nil {
			fail(err)
		}
	case "unmarshal":
		data, err := os.ReadFile(arg)
		if err != nil {
			fail(err)
		}
		runtime.GC()
		c0 := processCPU()
		t0 := time.Now()
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			fail(err)
		}
		wall := time.Since(t0)
		cpu := processCPU() - c0
		runtime.KeepAlive(m)
		fmt.Println(wall.Nanoseconds(), cpu.Nanoseconds())
	default:
		fail(fmt.Errorf("unknown job"))
	}
	os.Exit(0)
}

// peakRSSOfSelf is this process's peak RSS (VmHWM), 0 if unknown.
func peakRSSOfSelf() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err == nil {
				return kb * 1024
			}
		}
	}
	return 0
}

// benchEval runs Unmarshal then `bin eval snapshot` with the formats and the extra environment,
// b.N times, and reports.
func benchEval(b *testing.B, bin string, extraEnv []string, snapshotPath string, formats []string) {
	fi, err := os.Stat(snapshotPath)
	if err != nil {
		b.Fatal(err)
	}
	size := float64(fi.Size())
	out := b.TempDir()
	args := []string{"eval", snapshotPath}
	for _, f := range formats {
		args = append(args, "--format", fmt.Sprintf("%s=%s", f, filepath.Join(out, "out."+f)))
	}
	var env []string
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); name != "GOGC" && name != "GOMEMLIMIT" {
			env = append(env, kv)
		}
	}
	env = append(env, strings.Fields(os.Getenv("INCLOUD_E2E_ENV"))...)
	env = append(env, extraEnv...)
	var unWall, unCPU, wall, cpu time.Duration
	var peakRSS int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w, c := unmarshalOnce(b, snapshotPath)
		unWall += w
		unCPU += c

		cmd := exec.Command(bin, args...)
		cmd.Env = env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		t0 := time.Now()
		err := cmd.Run()
		wall += time.Since(t0)
		if code := cmd.ProcessState.ExitCode(); err != nil && code != 1 {
			b.Fatalf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, stderr.String())
		}
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		cpu += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		if rss := ru.Maxrss * 1024; rss > peakRSS { // Linux reports kilobytes
			peakRSS = rss
		}
		for _, f := range formats {
			if fi, err := os.Stat(filepath.Join(out, "out."+f)); err != nil || fi.Size() == 0 {
				b.Fatalf("no %s report written: %v\n%s", f, err, stderr.String())
			}
		}
	}
	b.StopTimer()
	per := func(d time.Duration) float64 { return d.Seconds() / float64(b.N) }
	b.ReportMetric(size/1e6, "snapshot-MB")
	b.ReportMetric(per(wall), "wall-s")
	b.ReportMetric(per(cpu), "cpu-s")
	b.ReportMetric(float64(peakRSS)/1e6, "peak-RSS-MB")
	b.ReportMetric(float64(peakRSS)/size, "RSS/snapshot")
	b.ReportMetric(per(unWall), "unmarshal-s")
	b.ReportMetric(wall.Seconds()/unWall.Seconds(), "wall/unmarshal")
	b.ReportMetric(cpu.Seconds()/unCPU.Seconds(), "cpu/unmarshal-cpu")
	b.ReportMetric(float64(peakRSSOfSelf())/1e6, "floor-RSS-MB")
}

// unmarshalOnce times json.Unmarshal of the file into map[string]any in a child process
// (e2eHelper unmarshal): its wall time and CPU time (garbage collection included).
func unmarshalOnce(b *testing.B, path string) (wall, cpu time.Duration) {
	var w, c int64
	if _, err := fmt.Sscan(runHelper(b, "unmarshal:"+path), &w, &c); err != nil {
		b.Fatalf("unmarshal helper: %v", err)
	}
	return time.Duration(w), time.Duration(c)
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
