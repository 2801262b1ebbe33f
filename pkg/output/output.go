// Package output renders a findings report in each supported format, one file per format.
package output

import (
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/incloud/incloud/pkg/findings"
)

// Options tune rendering. Formats ignore what does not apply to them.
type Options struct {
	// Color enables ANSI colour (table only; the CLI decides with --color, NO_COLOR and
	// FORCE_COLOR).
	Color bool
	// Width is the line width the table lays itself out for (terminal columns); 0 means
	// DefaultWidth.
	Width int
	// IncludeWaived keeps waived results in formats that leave them out by default (SARIF).
	IncludeWaived bool
	// Warn receives warnings about the rendering (e.g. SARIF results dropped over the cap).
	Warn func(msg string)
}

// Writer renders a report.
type Writer func(w io.Writer, r *findings.Report, opts Options) error

var writers = map[string]Writer{}

// Register adds a format. Each format file registers itself in init.
func Register(name string, w Writer) {
	if _, dup := writers[name]; dup {
		panic("output: format registered twice: " + name)
	}
	writers[name] = w
}

// Formats lists the registered format names, sorted.
func Formats() []string {
	names := make([]string, 0, len(writers))
	for n := range writers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Lookup returns the writer of a format, or an error listing the known ones.
func Lookup(name string) (Writer, error) {
	w, ok := writers[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want one of %s)", name, strings.Join(Formats(), ", "))
	}
	return w, nil
}

// Write renders a report in the named format.
func Write(name string, w io.Writer, r *findings.Report, opts Options) error {
	fn, err := Lookup(name)
	if err != nil {
		return err
	}
	if opts.Warn == nil {
		opts.Warn = func(string) {}
	}
	if err := fn(w, r, opts); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	return nil
}

// encodeRun is how many items (results, events) one goroutine encodes at a time for writeInRuns.
const encodeRun = 2048

// writeInRuns writes items 0..n-1 as encode appends them to a buffer: runs of up to encodeRun
// items are encoded on all processors at once (worker, below GOMAXPROCS, tells the goroutine,
// for state of its own), a batch of runs at a time, and written in order. Large reports are
// written faster without being held whole in memory.
func writeInRuns(w io.Writer, n int, encode func(b []byte, worker, from, to int) ([]byte, error)) error {
	workers := runtime.GOMAXPROCS(0)
	bufs := make([][]byte, workers)
	errs := make([]error, workers)
	for start := 0; start < n; start += workers * encodeRun {
		var wg sync.WaitGroup
		for k := range workers {
			from := min(start+k*encodeRun, n)
			to := min(from+encodeRun, n)
			wg.Add(1)
			go func() {
				defer wg.Done()
				bufs[k], errs[k] = encode(bufs[k][:0], k, from, to)
			}()
		}
		wg.Wait()
		for k, b := range bufs {
			if errs[k] != nil {
				return errs[k]
			}
			if _, err := w.Write(b); err != nil {
				return err
			}
		}
	}
	return nil
}
