package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/incloud/incloud/pkg/output"
)

// colorModes are the values of --color.
var colorModes = []string{"auto", "always", "never"}

// colorFlag is --color: a pflag.Value that refuses anything but auto, always and never when the
// flag is parsed, so a typo is a usage error before any work is done.
type colorFlag struct{ mode string }

func (c *colorFlag) String() string { return c.mode }
func (c *colorFlag) Type() string   { return "when" }
func (c *colorFlag) Set(s string) error {
	for _, m := range colorModes {
		if s == m {
			c.mode = s
			return nil
		}
	}
	return fmt.Errorf("want one of %s, got %q", strings.Join(colorModes, ", "), s)
}

// addTerminalFlags adds the flags about how output looks on a terminal to every command.
func addTerminalFlags(root *cobra.Command) {
	root.PersistentFlags().Var(&colorFlag{mode: "auto"}, "color",
		"colour the table: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always, never")
	_ = root.RegisterFlagCompletionFunc("color", fixedCompletions(colorModes...))
	root.PersistentFlags().Bool("debug", false, "print the cloud SDKs' own log lines (retries, credential lookups) to stderr")
}

// debugWriter is where --debug diagnostics go: stderr with --debug, else nil (discarded).
func debugWriter(cmd *cobra.Command) io.Writer {
	if f := cmd.Flag("debug"); f != nil && f.Value.String() == "true" {
		return cmd.ErrOrStderr()
	}
	return nil
}

// useColor decides whether a table written to w is coloured: --color always or never decide;
// auto colours only stdout, and only when NO_COLOR is unset and FORCE_COLOR is set (CI logs) or
// stdout is a terminal that is not "dumb".
func useColor(cmd *cobra.Command, w io.Writer, toStdout bool) bool {
	mode := "auto"
	if f := cmd.Flag("color"); f != nil {
		mode = f.Value.String()
	}
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if !toStdout || os.Getenv("NO_COLOR") != "" {
		return false
	}
	if force := os.Getenv("FORCE_COLOR"); force != "" && force != "0" && force != "false" {
		return true
	}
	return isTerminal(w) && os.Getenv("TERM") != "dumb"
}

// outputWidth is the width the table lays itself out for: COLUMNS when set, else the width of
// the terminal stdout is, else output.DefaultWidth (100).
func outputWidth(w io.Writer, toStdout bool) int {
	if n, err := strconv.Atoi(strings.TrimSpace(os.Getenv("COLUMNS"))); err == nil && n > 0 {
		return n
	}
	if toStdout {
		if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
				return cols
			}
		}
	}
	return output.DefaultWidth
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
