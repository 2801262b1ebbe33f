package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"gopkg.in/yaml.v3"
)

// defaultConfigFile is read from the working directory when --config is not given.
const defaultConfigFile = ".incloud.yaml"

// useConfigFile gives eval and every scan command a --config flag and makes them read a YAML
// file of flag values before they run, so that a CI job and a laptop share one setup:
//
//	format: [table, sarif=incloud.sarif]
//	fail-on: high
//	waivers: waivers.yaml
//	regions: [eu-west-1, us-east-1]
//
// A key is a long flag name of any of these commands (without "--"); a command takes the keys it
// has and leaves the others to the commands that have them. A key none of them has is an error
// naming its line; a value of the wrong type is an error naming its key. Flags given on the
// command line win over the file. Works over the commands' flag sets, so flags added later are
// configurable without more code.
func useConfigFile(root *cobra.Command) {
	var cmds []*cobra.Command
	if c, _, err := root.Find([]string{"eval"}); err == nil && c != root {
		cmds = append(cmds, c)
	}
	if scan, _, err := root.Find([]string{"scan"}); err == nil && scan != root {
		for _, c := range scan.Commands() {
			if c.Runnable() {
				cmds = append(cmds, c)
			}
		}
	}
	for _, c := range cmds {
		var path string
		c.Flags().StringVar(&path, "config", "", "YAML file of flag values (default: "+defaultConfigFile+" in the working directory, when there is one); command-line flags win")
		pre := c.PreRunE
		c.PreRunE = func(cmd *cobra.Command, args []string) error {
			if err := applyConfigFile(cmd, path, configKeys(root, cmds)); err != nil {
				return usageError(err)
			}
			if pre != nil {
				return pre(cmd, args)
			}
			return nil
		}
	}
}

// configKeys is every flag name a config file may hold: the flags of the commands that read it
// and the persistent flags above them.
func configKeys(root *cobra.Command, cmds []*cobra.Command) map[string]bool {
	keys := map[string]bool{}
	add := func(f *pflag.Flag) { keys[f.Name] = true }
	root.PersistentFlags().VisitAll(add)
	for _, c := range cmds {
		c.Flags().VisitAll(add)
		c.InheritedFlags().VisitAll(add)
	}
	delete(keys, "config")
	delete(keys, "help")
	return keys
}

// applyConfigFile sets the flags of cmd that the command line left unset from the config file:
// path, or .incloud.yaml in the working directory when path is "" (none is fine then).
func applyConfigFile(cmd *cobra.Command, path string, known map[string]bool) error {
	explicit := path != ""
	if !explicit {
		path = defaultConfigFile
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if !explicit && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("config: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	if len(doc.Content) == 0 {
		return nil // an empty file
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return fmt.Errorf("config %s:%d: want a mapping of flag names to values (fail-on: high)", path, top.Line)
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		name := k.Value
		if prev, dup := seen[name]; dup {
			return fmt.Errorf("config %s:%d: %s is already set on line %d", path, k.Line, name, prev)
		}
		seen[name] = k.Line
		if !known[name] {
			return fmt.Errorf("config %s:%d: unknown key %q (keys are flag names of eval and scan: %s)", path, k.Line, name, strings.Join(sortedKeys(known), ", "))
		}
		f := cmd.Flags().Lookup(name)
		if f == nil || f.Changed {
			continue // another command's flag, or given on the command line
		}
		values, err := configValues(f, v)
		if err != nil {
			return fmt.Errorf("config %s:%d: %s: %w", path, v.Line, name, err)
		}
		for _, val := range values {
			if err := cmd.Flags().Set(name, val); err != nil {
				return fmt.Errorf("config %s:%d: %s: %w", path, v.Line, name, err)
			}
		}
	}
	return nil
}

// configValues turns a YAML value into the strings to Set on the flag: one for a single-valued
// flag, one per item for a list flag (a single scalar is a one-item list).
func configValues(f *pflag.Flag, v *yaml.Node) ([]string, error) {
	list := strings.HasSuffix(f.Value.Type(), "Array") || strings.HasSuffix(f.Value.Type(), "Slice")
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil, errors.New("no value")
		}
		return []string{v.Value}, nil
	case yaml.SequenceNode:
		if !list {
			return nil, fmt.Errorf("want a single %s value, got a list", f.Value.Type())
		}
		var out []string
		for _, item := range v.Content {
			if item.Kind != yaml.ScalarNode || item.Tag == "!!null" {
				return nil, fmt.Errorf("list items must be plain values (line %d)", item.Line)
			}
			out = append(out, item.Value)
		}
		return out, nil
	}
	return nil, fmt.Errorf("want a %s value, got a mapping", f.Value.Type())
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
