package main

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestEveryValueFlagCompletes walks the whole command tree: every flag whose values are known
// (completionsByFlag by name, or annotated) completes to them, including flags added after the
// completion wiring was written.
func TestEveryValueFlagCompletes(t *testing.T) {
	root := newRootCmd()
	n := 0
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
			_, byName := completionsByFlag[f.Name]
			_, annotated := f.Annotations[completionValuesKey]
			if !byName && !annotated {
				return
			}
			n++
			path := strings.Fields(c.CommandPath())[1:]
			code, out, errs := runCLI(t, append(append([]string{"__complete"}, path...), "--"+f.Name, "")...)
			if code != 0 {
				t.Errorf("%s --%s: exit %d: %s", c.CommandPath(), f.Name, code, errs)
				return
			}
			var vals []string
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				if !strings.HasPrefix(line, ":") && line != "" {
					vals = append(vals, line)
				}
			}
			if len(vals) == 0 {
				t.Errorf("%s --%s completes to nothing", c.CommandPath(), f.Name)
			}
			if !strings.HasSuffix(strings.TrimSpace(out), ":4") {
				t.Errorf("%s --%s: completion offers file names too (want directive 4, no files): %q", c.CommandPath(), f.Name, out)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if n < 5 {
		t.Errorf("only %d flags with value completion found (eval, scan and diff --format/--fail-on at least)", n)
	}
	// A comma-separated list completes its last item.
	got, _ := listCompletions(severityNames)(nil, nil, "critical,h")
	if len(got) == 0 || got[0] != "critical,critical" || got[1] != "critical,high" {
		t.Errorf("list completion = %v", got)
	}
}
