package main

import (
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/incloud/incloud/pkg/engine"
	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/output"
	"github.com/incloud/incloud/pkg/responsibility"
	"github.com/incloud/incloud/policies"
)

// completionValuesKey annotates a flag with the values shell completion offers for it, when
// they differ from the defaults by flag name (e.g. diff's --format is table or json only).
const completionValuesKey = "incloud_completion_values"

// setCompletionValues records the values a command's flag completes to.
func setCompletionValues(fs *pflag.FlagSet, name string, values ...string) {
	_ = fs.SetAnnotation(name, completionValuesKey, values)
}

// completionsByFlag gives, by flag name, the values shell completion offers when the flag has
// no annotation. Check ids and framework keys come from the built-in checks.
var completionsByFlag = map[string]func() []string{
	"format":      output.Formats,
	"fail-on":     severityNames,
	"severity":    severityNames,
	"area":        areaIDs,
	"framework":   frameworkKeys,
	"checks":      checkIDs,
	"skip-checks": checkIDs,
}

// registerCompletions walks every command and registers value completion for its flags named in
// completionsByFlag or annotated with setCompletionValues, so that flags added later complete
// without more wiring. `incloud completion bash|zsh|fish|powershell` prints the scripts.
func registerCompletions(cmd *cobra.Command) {
	cmd.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) {
		if _, done := cmd.GetFlagCompletionFunc(f.Name); done {
			return
		}
		if vals, ok := f.Annotations[completionValuesKey]; ok {
			_ = cmd.RegisterFlagCompletionFunc(f.Name, fixedCompletions(vals...))
			return
		}
		if values, ok := completionsByFlag[f.Name]; ok {
			_ = cmd.RegisterFlagCompletionFunc(f.Name, listCompletions(values))
		}
	})
	for _, c := range cmd.Commands() {
		registerCompletions(c)
	}
}

// fixedCompletions completes to the given values.
func fixedCompletions(values ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// listCompletions completes one value, or the last item of a comma-separated list of them.
func listCompletions(values func() []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		prefix := ""
		if i := strings.LastIndex(toComplete, ","); i >= 0 {
			prefix = toComplete[:i+1]
		}
		var out []cobra.Completion
		for _, v := range values() {
			out = append(out, prefix+v)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func severityNames() []string {
	var out []string
	for _, s := range findings.Severities {
		out = append(out, string(s))
	}
	return out
}

func areaIDs() []string {
	var out []string
	for _, a := range responsibility.Areas {
		out = append(out, a.ID)
	}
	return out
}

func builtinChecks() []findings.Check {
	eng, err := engine.Load(engine.Options{Builtin: policies.FS})
	if err != nil {
		return nil
	}
	return eng.Metadata()
}

func checkIDs() []string {
	var out []string
	for _, c := range builtinChecks() {
		out = append(out, c.ID)
	}
	return out
}

func frameworkKeys() []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range builtinChecks() {
		for k := range c.Frameworks {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}
