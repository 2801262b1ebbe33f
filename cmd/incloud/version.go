package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/incloud/incloud/pkg/engine"
	"github.com/incloud/incloud/pkg/findings"
	ver "github.com/incloud/incloud/pkg/version"
	"github.com/incloud/incloud/policies"
)

// version is set at build time with -ldflags "-X main.version=..."; otherwise the module version
// and VCS revision from the build information identify the build.
var version = "dev"

// buildInfo describes this binary.
func buildInfo() ver.Info { return ver.Read(version) }

// toolIdentity names this build in reports.
func toolIdentity() findings.Tool { return buildInfo().Tool() }

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, build revision, Go and OPA versions and the built-in checks per provider",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return writeVersion(cmd.OutOrStdout())
		},
	}
}

// writeVersion prints what `incloud version` and `incloud --version` show.
func writeVersion(w io.Writer) error {
	info := buildInfo()
	eng, err := engine.Load(engine.Options{Builtin: policies.FS})
	if err != nil {
		return fmt.Errorf("load the built-in checks: %w", err)
	}
	perProvider := map[string]int{}
	for _, c := range eng.Metadata() {
		perProvider[c.Provider]++
	}
	providers := make([]string, 0, len(perProvider))
	for p := range perProvider {
		providers = append(providers, p)
	}
	sort.Strings(providers)
	counts := make([]string, len(providers))
	for i, p := range providers {
		counts[i] = fmt.Sprintf("%s %d", p, perProvider[p])
	}
	revision := "unknown (built without VCS information, e.g. -buildvcs=false)"
	if info.Revision != "" {
		revision = info.Revision
		if info.Modified {
			revision += " (modified)"
		}
		if info.Time != "" {
			revision += " " + info.Time
		}
	}
	opa := info.OPA
	if opa == "" {
		opa = "unknown"
	}
	_, err = fmt.Fprintf(w, "incloud %s\n  module    %s\n  revision  %s\n  go        %s\n  opa       %s\n  checks    %s\n",
		info, info.Module, revision, info.Go, opa, strings.Join(counts, ", "))
	return err
}
