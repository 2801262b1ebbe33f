package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/incloud/incloud/collectors/aws/awsfake"
	"github.com/incloud/incloud/pkg/snapshot"
)

// cpuTime is the CPU time a process has used so far, from /proc/PID/stat (utime + stime, in
// clock ticks of 1/100 s on Linux).
func cpuTime(pid int) (time.Duration, error) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, err
	}
	// The command name (field 2) may hold spaces; the fields after it are fixed.
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0, errors.New("unexpected /proc stat format")
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 13 {
		return 0, errors.New("unexpected /proc stat format")
	}
	utime, err1 := strconv.Atoi(f[11])
	stime, err2 := strconv.Atoi(f[12])
	if err1 != nil || err2 != nil {
		return 0, errors.New("unexpected /proc stat format")
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}

// Defect: Ctrl-C or SIGTERM during evaluation exited 0 with a full-looking report whose checks
// said "context canceled". Now: no report at all, exit 130 (SIGINT) or 143 (SIGTERM).
func TestSignalDuringEvaluation(t *testing.T) {
	dir := t.TempDir()
	snap := largeSnapshot(t, dir, 4000)
	// A custom check that keeps evaluating for many seconds of CPU (well within its time limit),
	// so that the signal lands during evaluation however fast the built-in checks become.
	slow := filepath.Dir(writeFile(t, dir, "slow/slow.rego", slowCheck))
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			report := filepath.Join(dir, "report-"+strconv.Itoa(tc.code)+".json")
			cmd := exec.Command(incloudBinary(t), "eval", snap, "--policy-dir", slow, "--check-timeout", "10m", "--format", "table", "--format", "json="+report)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			start := time.Now()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			// Wait until the process has spent a second of CPU: the snapshot is read and
			// checked by then (a fraction of that) and the checks are running; the slow
			// check keeps them running for far longer.
			var used time.Duration
			for used < time.Second {
				select {
				case err := <-done:
					t.Fatalf("incloud ended before the signal (%v, %v): the snapshot is too small for this test\n%s", err, used, stderr.String())
				case <-time.After(20 * time.Millisecond):
				}
				var err error
				if used, err = cpuTime(cmd.Process.Pid); err != nil {
					t.Fatal(err)
				}
			}
			sent := time.Now()
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			var err error
			select {
			case err = <-done:
			case <-time.After(time.Minute):
				cmd.Process.Kill()
				t.Fatal("incloud still running a minute after the signal")
			}
			t.Logf("signal after %v (%v CPU); exited %v later", sent.Sub(start).Round(time.Millisecond), used, time.Since(sent).Round(time.Millisecond))
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != tc.code {
				t.Fatalf("exit %v, want %d; stderr %q", err, tc.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), "interrupted") || !strings.Contains(stderr.String(), "no report written") {
				t.Errorf("stderr should say the evaluation was interrupted and nothing written: %q", stderr.String())
			}
			if stdout.Len() != 0 {
				t.Errorf("an interrupted evaluation wrote the table: %q", stdout.String())
			}
			if _, err := os.Stat(report); !os.IsNotExist(err) {
				t.Errorf("an interrupted evaluation wrote %s (stat: %v)", report, err)
			}
		})
	}
}

// An interrupted collection still writes what it collected, marked incomplete, and exits with
// the signal's code (SIGTERM: 143).
func TestSignalDuringCollection(t *testing.T) {
	want, err := snapshot.ReadFile(demo)
	if err != nil {
		t.Fatal(err)
	}
	srv := awsfake.New(want, awsfake.WithLatency(40*time.Millisecond))
	defer srv.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "partial.json")
	cmd := exec.Command(incloudBinary(t), "collect", "aws", "--quiet", "--output", out)
	cmd.Env = append(os.Environ(),
		"AWS_ENDPOINT_URL="+srv.URL, "AWS_ACCESS_KEY_ID=AKIDINCLOUDTEST", "AWS_SECRET_ACCESS_KEY=test-secret-not-real",
		"AWS_SESSION_TOKEN=", "AWS_REGION=us-east-1", "AWS_PROFILE=", "AWS_EC2_METADATA_DISABLED=true", "AWS_MAX_ATTEMPTS=1",
		"AWS_CONFIG_FILE="+filepath.Join(dir, "config"), "AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "credentials"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for srv.TotalRequests() < 5 {
		select {
		case err := <-done:
			t.Fatalf("collection ended before the signal: %v\n%s", err, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		t.Fatal("incloud still running a minute after SIGTERM")
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 143 {
		t.Fatalf("exit %v, want 143; stderr %q", err, stderr.String())
	}
	got, err := snapshot.ReadFile(out)
	if err != nil {
		t.Fatalf("no partial snapshot: %v", err)
	}
	if got.Complete {
		t.Error("the partial snapshot is marked complete")
	}
}

// slowCheck spends about a hundred million iterations per bucket deciding nothing: a check that
// is still evaluating when the test's signal arrives.
const slowCheck = `# METADATA
# title: Slow check
# description: Spends CPU time so that a signal arrives while the checks are evaluating.
# scope: package
# custom:
#   id: test-s3-slow
#   severity: low
#   area: data-protection
#   resource_type: aws_s3_bucket
#   service_model: paas
#   frameworks: {}
#   remediation: r
#   rationale: r
#   depends_on: [name]
package test.s3.slow

deny contains {"resource_id": b.id, "message": "slow"} if {
	some b in input.resources.aws_s3_bucket
	count([i | some i in numbers.range(1, 50000); some j in numbers.range(1, 2000); i == j + count(b.name) + 1000000]) > 0
}
`
