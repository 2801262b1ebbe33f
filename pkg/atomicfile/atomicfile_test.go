package atomicfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The regression tests for issue 12 defect 3. They make their own device node, FIFO and links in
// a temporary directory, so that a regression cannot replace the machine's /dev/null.

func writeString(path, s string) error {
	return Write(path, 0o644, func(w io.Writer) error { _, err := io.WriteString(w, s); return err })
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// needRoot skips a test that needs root, except under CI=true, where it fails.
func needRoot(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("cannot prepare the test (CI runs it as root): %v", err)
	}
	t.Skipf("needs root: %v", err)
}

// tempFiles lists leftover temporary files in dir.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestCharacterDeviceIsWrittenNotReplaced(t *testing.T) {
	dir := t.TempDir()
	null := filepath.Join(dir, "null")
	// The null device: major 1, minor 3.
	needRoot(t, syscall.Mknod(null, syscall.S_IFCHR|0o666, 1<<8|3))
	if err := writeString(null, `{"report": true}`); err != nil {
		t.Fatal(err)
	}
	st, err := os.Lstat(null)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode()&fs.ModeCharDevice == 0 {
		t.Errorf("the device became %s", st.Mode())
	}
	if left := tempFiles(t, dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestSymlinkIsKeptAndItsTargetReplaced(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "reports")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(sub, "report.json")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(target, 0o640); err != nil {
		t.Fatal(err)
	}
	// latest -> reports/report.json, and current -> latest (a chain, relative links).
	if err := os.Symlink("reports/report.json", filepath.Join(dir, "latest")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("latest", filepath.Join(dir, "current")); err != nil {
		t.Fatal(err)
	}
	if err := writeString(filepath.Join(dir, "current"), "new"); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"latest", "current"} {
		st, err := os.Lstat(filepath.Join(dir, l))
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link: %v %v", l, st.Mode(), err)
		}
	}
	if got := mustRead(t, target); got != "new" {
		t.Errorf("target holds %q", got)
	}
	if st, _ := os.Stat(target); st.Mode().Perm() != 0o640 {
		t.Errorf("target mode %v, want 0640", st.Mode().Perm())
	}
	if left := append(tempFiles(t, dir), tempFiles(t, sub)...); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	// A dangling link: the file it names is created, the link kept.
	if err := os.Symlink("reports/new.json", filepath.Join(dir, "dangling")); err != nil {
		t.Fatal(err)
	}
	if err := writeString(filepath.Join(dir, "dangling"), "created"); err != nil {
		t.Fatal(err)
	}
	if got := mustRead(t, filepath.Join(sub, "new.json")); got != "created" {
		t.Errorf("dangling link target holds %q", got)
	}
	if st, _ := os.Lstat(filepath.Join(dir, "dangling")); st.Mode()&fs.ModeSymlink == 0 {
		t.Error("the dangling link was replaced")
	}
}

func TestFIFOIsWrittenNotReplaced(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo) // blocks until the writer opens it
		if err != nil {
			got <- "open: " + err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	done := make(chan error, 1)
	go func() { done <- writeString(fifo, "through the pipe") }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the write to the FIFO did not finish")
	}
	select {
	case s := <-got:
		if s != "through the pipe" {
			t.Errorf("reader got %q", s)
		}
	case <-time.After(5 * time.Second):
		// Unblock the reader, which waits for a writer that never came.
		if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
		t.Error("the reader got nothing: the write did not go through the FIFO")
	}
	st, err := os.Lstat(fifo)
	if err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO became %v (%v)", st.Mode(), err)
	}
	if left := tempFiles(t, dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestModeIsKeptAndNewFilesGetPerm(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "existing.csv")
	if err := os.WriteFile(existing, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(existing, 0o604); err != nil {
		t.Fatal(err)
	}
	if err := writeString(existing, "new"); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(existing); st.Mode().Perm() != 0o604 {
		t.Errorf("existing file mode %v, want 0604", st.Mode().Perm())
	}
	fresh := filepath.Join(dir, "fresh.csv")
	if err := Write(fresh, 0o640, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(fresh); st.Mode().Perm() != 0o640 {
		t.Errorf("new file mode %v, want 0640", st.Mode().Perm())
	}
}

func TestFailureLeavesTargetAndNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "report.json")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("renderer failed")
	err := Write(target, 0o644, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("error %v does not wrap the fill error", err)
	}
	if got := mustRead(t, target); got != "old" {
		t.Errorf("target holds %q", got)
	}
	if left := tempFiles(t, dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestDirectoryIsRefused(t *testing.T) {
	dir := t.TempDir()
	if err := writeString(dir, "x"); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("writing over a directory: %v", err)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Errorf("the directory was replaced: %v", err)
	}
}

// TestStandardOutputAndLinksToOpenFiles never touches the machine's /dev/stdout (a regression
// would replace it): "-" is written from a temporary working directory, and /dev/stdout is
// imitated by a link to /proc/self/fd/N in a temporary directory.
func TestStandardOutputAndLinksToOpenFiles(t *testing.T) {
	if standardStream("/dev/stdout") != os.Stdout || standardStream("/dev/stderr") != os.Stderr || standardStream("-") != os.Stdout {
		t.Error("/dev/stdout, /dev/stderr and - are not the process's own streams")
	}
	t.Chdir(t.TempDir())
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	link := filepath.Join(dir, "stdout")
	if err := os.Symlink(fmt.Sprintf("/proc/self/fd/%d", w.Fd()), link); err != nil {
		t.Fatal(err)
	}
	saved := os.Stdout
	os.Stdout = w
	err1 := writeString("-", "dash ")
	os.Stdout = saved
	err2 := writeString(link, "link")
	w.Close()
	b, _ := io.ReadAll(r)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if string(b) != "dash link" {
		t.Errorf("the pipe got %q", b)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link to the open file was replaced: %v", err)
	}
	if _, err := os.Lstat("-"); err == nil {
		t.Error(`"-" was written as a file`)
	}
	if left := tempFiles(t, dir); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestSignalDuringWriteRemovesTemporaryFile runs a child process that is interrupted in the middle
// of a write, with and without its own signal handler (the CLI has one).
func TestSignalDuringWriteRemovesTemporaryFile(t *testing.T) {
	for _, c := range []struct {
		name    string
		sig     syscall.Signal
		handler bool
	}{
		{"SIGTERM default action", syscall.SIGTERM, false},
		{"SIGINT default action", syscall.SIGINT, false},
		{"SIGINT with a handler", syscall.SIGINT, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, "report.json")
			if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run", "^TestSignalChild$")
			cmd.Env = append(os.Environ(), "ATOMICFILE_CHILD_TARGET="+target, fmt.Sprintf("ATOMICFILE_CHILD_HANDLER=%v", c.handler))
			var out strings.Builder
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Wait until the child is writing its temporary file.
			deadline := time.Now().Add(30 * time.Second)
			for len(tempFiles(t, dir)) == 0 {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					cmd.Wait()
					t.Fatalf("the child never started writing: %s", out.String())
				}
				time.Sleep(10 * time.Millisecond)
			}
			time.Sleep(50 * time.Millisecond)
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatalf("child: %v, want it to end with an error: %s", err, out.String())
			}
			ws := exit.Sys().(syscall.WaitStatus)
			got := mustRead(t, target)
			if c.handler {
				// The process lives on: the write is abandoned (or, if the signal came too late
				// to stop it, finished); never half-done.
				if ws.ExitStatus() != 3 || !strings.Contains(out.String(), "write: ") {
					t.Errorf("child with a handler: status %v, output %q", ws, out.String())
				}
				if got != "old" && got != "partial rest" {
					t.Errorf("target holds %q", got)
				}
				if got == "old" && !strings.Contains(out.String(), "interrupted") {
					t.Errorf("the write was abandoned without saying so: %q", out.String())
				}
			} else {
				if !ws.Signaled() || ws.Signal() != c.sig {
					t.Errorf("child was not ended by %v: %v: %s", c.sig, ws, out.String())
				}
				if got != "old" {
					t.Errorf("target holds %q", got)
				}
			}
			if left := tempFiles(t, dir); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

// TestSignalChild is the child process of TestSignalDuringWriteRemovesTemporaryFile.
func TestSignalChild(t *testing.T) {
	target := os.Getenv("ATOMICFILE_CHILD_TARGET")
	if target == "" {
		t.Skip("child process of TestSignalDuringWriteRemovesTemporaryFile")
	}
	ctx := context.Background()
	if os.Getenv("ATOMICFILE_CHILD_HANDLER") == "true" {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
		defer stop()
	}
	err := Write(target, 0o644, func(w io.Writer) error {
		if _, err := io.WriteString(w, "partial"); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			time.Sleep(200 * time.Millisecond) // a renderer still busy when the signal comes
		case <-time.After(20 * time.Second):
		}
		_, err := io.WriteString(w, " rest")
		return err
	})
	fmt.Println("write:", err)
	os.Exit(3)
}
