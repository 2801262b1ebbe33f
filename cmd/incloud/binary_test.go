package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// The CLI tests of user-visible behaviour (flags, environment, exit codes, what reaches stdout
// and stderr) run the real binary, built once per test run by `go build`.
var (
	binaryOnce sync.Once
	binaryDir  string
	binaryPath string
	binaryErr  error
)

func TestMain(m *testing.M) {
	e2eHelper() // a child of BenchmarkEvalEndToEnd exits here
	code := m.Run()
	if binaryDir != "" {
		os.RemoveAll(binaryDir)
	}
	os.Exit(code)
}

// incloudBinary builds ./cmd/incloud once and returns the path of the binary.
func incloudBinary(t testing.TB) string {
	t.Helper()
	binaryOnce.Do(func() {
		binaryDir, binaryErr = os.MkdirTemp("", "incloud-bin-")
		if binaryErr != nil {
			return
		}
		binaryPath = filepath.Join(binaryDir, "incloud")
		out, err := exec.Command("go", "build", "-o", binaryPath, ".").CombinedOutput()
		if err != nil {
			binaryErr = errors.New("go build: " + err.Error() + "\n" + string(out))
		}
	})
	if binaryErr != nil {
		t.Fatalf("build incloud: %v", binaryErr)
	}
	return binaryPath
}

// runBinary runs the built incloud in dir ("" for the package directory) with args, an
// environment without the variables that change output (NO_COLOR, FORCE_COLOR, COLUMNS, TERM,
// CI, AWS_*) plus env, and returns its exit code, stdout and stderr.
func runBinary(t *testing.T, dir string, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(incloudBinary(t), args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case name == "NO_COLOR", name == "FORCE_COLOR", name == "COLUMNS", name == "TERM", name == "CI",
			strings.HasPrefix(name, "AWS_"):
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	cmd.Env = append(cmd.Env, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("run incloud %s: %v", strings.Join(args, " "), err)
	}
	return code, out.String(), errb.String()
}
