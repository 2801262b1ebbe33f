// Package atomicfile writes output files so that readers see either the old content or the whole
// new content, never a truncated file, and without replacing what is not a regular file.
//
// A regular file (or a new path) is written to a temporary file beside it and renamed over it; the
// file keeps its mode. A symbolic link is followed to its final target, which is written that way
// and the link is kept. Character devices (/dev/null, a terminal), FIFOs, "-" (standard output)
// and /dev/stdout or /dev/stderr are written straight to, since renaming over them would replace
// the device or pipe with a regular file. Anything else (a directory, a socket, a block device) is
// refused. The temporary file is removed on any failure, and when SIGINT or SIGTERM arrives
// during the write (the write is then abandoned and the signal raised again once the temporary
// file is gone, so the process handles it as it would have).
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// ErrInterrupted is returned when a signal abandoned the write.
var ErrInterrupted = errors.New("interrupted by a signal; the file was left as it was")

// Write calls fill with a writer on path (see the package documentation for how each kind of path
// is written). perm is the mode of a newly created file; an existing file keeps its own. On any
// error a regular target is left untouched and no temporary file remains.
func Write(path string, perm os.FileMode, fill func(w io.Writer) error) error {
	if std := standardStream(path); std != nil {
		if err := fill(std); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	}
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		final, magic, err := resolve(path)
		if err != nil {
			return err
		}
		if magic {
			return fmt.Errorf("write %s: %s does not exist", path, final)
		}
		return replace(final, perm, path, fill)
	case err != nil:
		return fmt.Errorf("write %s: %w", path, err)
	case st.Mode().IsRegular():
		final, magic, err := resolve(path)
		if err != nil {
			return err
		}
		if magic {
			// A /proc or /dev/fd link names an open file, not a place to rename over.
			return direct(path, os.O_TRUNC, fill)
		}
		return replace(final, st.Mode()&(fs.ModePerm|fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky), path, fill)
	case st.Mode()&fs.ModeCharDevice != 0 || st.Mode()&fs.ModeNamedPipe != 0:
		return direct(path, 0, fill)
	default:
		return fmt.Errorf("write %s: not a regular file, character device or FIFO (%s)", path, st.Mode().Type())
	}
}

// standardStream maps "-" and the usual names of standard output and error to the process's own
// streams, so that output written there keeps its place among the process's other output.
func standardStream(path string) *os.File {
	switch path {
	case "-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1":
		return os.Stdout
	case "/dev/stderr", "/dev/fd/2", "/proc/self/fd/2":
		return os.Stderr
	}
	return nil
}

// resolve follows symbolic links to the final path (which need not exist). magic reports a link
// into /proc or /dev/fd, whose targets describe open files rather than paths.
func resolve(path string) (final string, magic bool, err error) {
	p, err := filepath.Abs(path)
	if err != nil {
		return "", false, fmt.Errorf("write %s: %w", path, err)
	}
	for hops := 0; ; hops++ {
		if strings.HasPrefix(p, "/proc/") || strings.HasPrefix(p, "/dev/fd/") {
			return p, true, nil
		}
		// Resolve the directories first, then the last element.
		dir, err := filepath.EvalSymlinks(filepath.Dir(p))
		if err != nil {
			return "", false, fmt.Errorf("write %s: %w", path, err)
		}
		p = filepath.Join(dir, filepath.Base(p))
		if strings.HasPrefix(p, "/proc/") || strings.HasPrefix(p, "/dev/fd/") {
			return p, true, nil
		}
		st, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return p, false, nil
		}
		if err != nil {
			return "", false, fmt.Errorf("write %s: %w", path, err)
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			return p, false, nil
		}
		if hops >= 40 {
			return "", false, fmt.Errorf("write %s: too many levels of symbolic links", path)
		}
		target, err := os.Readlink(p)
		if err != nil {
			return "", false, fmt.Errorf("write %s: %w", path, err)
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(p), target)
		}
		p = filepath.Clean(target)
	}
}

// direct writes into an existing character device or FIFO (or a file named by /proc).
func direct(path string, flags int, fill func(w io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|flags, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := fill(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	return nil
}

// replace writes a temporary file beside final and renames it over final.
func replace(final string, mode os.FileMode, name string, fill func(w io.Writer) error) (err error) {
	guard := watchSignals()
	defer guard.release()
	tmp, err := os.CreateTemp(filepath.Dir(final), "."+filepath.Base(final)+".tmp-*")
	if err != nil {
		return fmt.Errorf("create temporary file for %s: %w", name, err)
	}
	if !guard.track(tmp.Name()) {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", name, ErrInterrupted)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			guard.forget(true)
		}
	}()
	if err = fill(guard.writer(tmp)); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("flush %s: %w", name, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", name, err)
	}
	if err = os.Chmod(tmp.Name(), mode); err != nil {
		return fmt.Errorf("set mode of %s: %w", name, err)
	}
	if err = guard.commit(func() error { return os.Rename(tmp.Name(), final) }); err != nil {
		return fmt.Errorf("rename into %s: %w", name, err)
	}
	return nil
}

// signalGuard removes the write's temporary file when SIGINT or SIGTERM arrives before the rename,
// then raises the signal again.
type signalGuard struct {
	ch          chan os.Signal
	done        chan struct{}
	mu          sync.Mutex
	tmp         string
	interrupted bool
	finished    bool
}

func watchSignals() *signalGuard {
	g := &signalGuard{ch: make(chan os.Signal, 1), done: make(chan struct{})}
	signal.Notify(g.ch, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		select {
		case sig := <-g.ch:
			g.mu.Lock()
			if !g.finished {
				g.interrupted = true
				if g.tmp != "" {
					os.Remove(g.tmp)
					g.tmp = ""
				}
			}
			g.mu.Unlock()
			signal.Stop(g.ch)
			raise(sig)
		case <-g.done:
			// release stopped the notifications first: a signal that came before is buffered.
			select {
			case sig := <-g.ch:
				raise(sig)
			default:
			}
		}
	}()
	return g
}

// raise sends sig to the process again, so that it handles it as it would have without this
// write: the default action, or its own handler.
func raise(sig os.Signal) {
	if p, err := os.FindProcess(os.Getpid()); err == nil {
		p.Signal(sig)
	}
}

// track records the temporary file; false means a signal came first.
func (g *signalGuard) track(tmp string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.interrupted {
		return false
	}
	g.tmp = tmp
	return true
}

// forget removes the temporary file (if remove) and stops tracking it.
func (g *signalGuard) forget(remove bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if remove && g.tmp != "" {
		os.Remove(g.tmp)
	}
	g.tmp = ""
}

// commit renames unless a signal came first, so that a signal either finds the temporary file or
// the finished rename.
func (g *signalGuard) commit(rename func() error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.interrupted {
		return ErrInterrupted
	}
	if err := rename(); err != nil {
		return err
	}
	g.tmp = ""
	g.finished = true
	return nil
}

func (g *signalGuard) release() {
	g.mu.Lock()
	g.finished = true
	g.mu.Unlock()
	signal.Stop(g.ch)
	close(g.done)
}

// writer fails writes once a signal has come, so that a long fill stops early.
func (g *signalGuard) writer(w io.Writer) io.Writer { return guardedWriter{g: g, w: w} }

type guardedWriter struct {
	g *signalGuard
	w io.Writer
}

func (w guardedWriter) Write(p []byte) (int, error) {
	w.g.mu.Lock()
	interrupted := w.g.interrupted
	w.g.mu.Unlock()
	if interrupted {
		return 0, ErrInterrupted
	}
	return w.w.Write(p)
}
