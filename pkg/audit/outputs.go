package audit

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/incloud/incloud/pkg/atomicfile"
	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/output"
)

// Output is one requested report: a format and where it goes ("" is stdout).
type Output struct {
	Format string
	Path   string
}

// ParseOutputs reads --format values (FORMAT or FORMAT=FILE; none means table) and --output (the
// file of the one format given without =FILE). "-" is stdout.
func ParseOutputs(formats []string, outputPath string) ([]Output, error) {
	if len(formats) == 0 {
		formats = []string{"table"}
	}
	var outs []Output
	for _, f := range formats {
		name, path, hasPath := strings.Cut(f, "=")
		if _, err := output.Lookup(name); err != nil {
			return nil, fmt.Errorf("--format: %w", err)
		}
		if hasPath && path == "" {
			return nil, fmt.Errorf("--format %s: empty file name after '='", f)
		}
		if !hasPath {
			path = outputPath
		}
		if path == "-" {
			path = ""
		}
		outs = append(outs, Output{Format: name, Path: path})
	}
	return outs, nil
}

// checkOutputs refuses outputs that would lose data: two to stdout, two to the same file, or one
// over a file the run reads. Paths are compared cleaned and absolute, with symbolic links in the
// directory resolved, and existing files by identity (hard links, links to the file itself).
// Several outputs may share a device or FIFO (/dev/null): nothing is replaced there.
func checkOutputs(outs []Output, reads []string) ([]Output, error) {
	for _, o := range outs {
		if _, err := output.Lookup(o.Format); err != nil {
			return nil, fmt.Errorf("--format: %w", err)
		}
	}
	stdout := 0
	type seen struct {
		output Output
		loc    location
	}
	var files []seen
	for _, o := range outs {
		if o.Path == "" {
			if stdout++; stdout > 1 {
				return nil, errors.New("--format: only one output can go to stdout; give the others a file (FORMAT=FILE)")
			}
			continue
		}
		loc := locate(o.Path)
		for _, r := range reads {
			if loc.same(locate(r)) {
				return nil, fmt.Errorf("--format %s=%s: would overwrite %s, which this run reads; write the report elsewhere", o.Format, o.Path, r)
			}
		}
		if !loc.special {
			for _, s := range files {
				if loc.same(s.loc) {
					return nil, fmt.Errorf("--format: %s and %s both write %s: give each format its own file", s.output.Format, o.Format, o.Path)
				}
			}
		}
		files = append(files, seen{o, loc})
	}
	return outs, nil
}

// location identifies a file for comparison.
type location struct {
	path    string      // absolute, cleaned, directory symlinks resolved
	info    os.FileInfo // nil when the file does not exist (yet)
	special bool        // an existing device, FIFO or socket
}

func locate(p string) location {
	abs, err := filepath.Abs(p)
	if err != nil {
		abs = filepath.Clean(p)
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(dir, filepath.Base(abs))
	}
	l := location{path: abs}
	if fi, err := os.Stat(abs); err == nil {
		l.info = fi
		l.special = !fi.Mode().IsRegular() && !fi.IsDir()
	}
	return l
}

func (l location) same(o location) bool {
	if l.path == o.path {
		return true
	}
	return l.info != nil && o.info != nil && os.SameFile(l.info, o.info)
}

// write writes every output (writeOutputs). The report is complete by now: an interruption while
// writing still lets the (atomic) writes finish.
func (a *Audit) write(report *findings.Report) error {
	return writeOutputs(report, a.outputs, a.opts.Stdout, a.opts.Color, a.opts.Width, a.opts.Warn)
}

// PublishOptions say where Publish writes a finished report.
type PublishOptions struct {
	Outputs []Output
	// Reads are the files the caller read: no output may overwrite one.
	Reads []string
	// Stdout receives the output without a path; Color enables colour there (table only).
	Stdout io.Writer
	Color  bool
	// Width is the line width of table outputs (0 is output.DefaultWidth).
	Width int
	// Warn receives rendering warnings (nil drops them).
	Warn func(msg string)
}

// Publish writes a report made elsewhere (a merge of shard reports) to every output, with the
// checks and the atomic writes of an audit's outputs. Bad outputs are an *InputError and nothing
// is written.
func Publish(report *findings.Report, opts PublishOptions) error {
	outs, err := checkOutputs(opts.Outputs, opts.Reads)
	if err != nil {
		return inputErr(err)
	}
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Warn == nil {
		opts.Warn = func(string) {}
	}
	return writeOutputs(report, outs, opts.Stdout, opts.Color, opts.Width, opts.Warn)
}

// writeOutputs renders each output straight into its file, one at a time, so that no report
// is ever held whole in memory. Files are replaced atomically: a failure never leaves a
// half-written report or replaces a previous one with garbage (outputs written before it stay
// written).
func writeOutputs(report *findings.Report, outs []Output, stdout io.Writer, color bool, width int, warn func(string)) error {
	for _, o := range outs {
		opts := output.Options{Color: o.Path == "" && color, Width: width, Warn: warn}
		render := func(w io.Writer) error {
			bw := bufio.NewWriterSize(w, 1<<16)
			if err := output.Write(o.Format, bw, report, opts); err != nil {
				return err
			}
			return bw.Flush()
		}
		if o.Path == "" {
			if err := render(stdout); err != nil {
				return fmt.Errorf("write %s to stdout: %w", o.Format, err)
			}
			continue
		}
		if err := atomicfile.Write(o.Path, 0o644, render); err != nil {
			return fmt.Errorf("write %s report: %w", o.Format, err)
		}
	}
	return nil
}
