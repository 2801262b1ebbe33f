package main

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// useBooleanFlagUsage makes --help show boolean flags as plain switches (--no-builtin), not as
// --no-builtin[=true|false]. pflag v1.1.0 (required by OPA) prints the latter for every bool
// flag; the flags are listed here from copies whose values do not announce themselves as
// booleans, which is all that rendering looks at. Parsing is untouched: --flag, --flag=true and
// --flag=false all still work.
func useBooleanFlagUsage(root *cobra.Command) {
	cobra.AddTemplateFunc("flagUsages", flagUsages)
	tmpl := root.UsageTemplate()
	tmpl = strings.ReplaceAll(tmpl, "{{.LocalFlags.FlagUsages", "{{flagUsages .LocalFlags")
	tmpl = strings.ReplaceAll(tmpl, "{{.InheritedFlags.FlagUsages", "{{flagUsages .InheritedFlags")
	root.SetUsageTemplate(tmpl)
}

// flagUsages is fs.FlagUsages with boolean flags shown without "[=true|false]".
func flagUsages(fs *pflag.FlagSet) string {
	shown := pflag.NewFlagSet("usage", pflag.ContinueOnError)
	shown.SortFlags = fs.SortFlags
	fs.VisitAll(func(f *pflag.Flag) {
		c := *f
		if f.Value.Type() == "bool" {
			c.Value = plainValue{f.Value}
		}
		shown.AddFlag(&c)
	})
	return shown.FlagUsages()
}

// plainValue hides a value's IsBoolFlag method.
type plainValue struct{ pflag.Value }
