// Package version identifies this build of incloud from the Go build information: the module
// version, the VCS revision and whether the tree was modified, the Go and OPA versions. Reports
// carry it, so that a report can be traced to the build that wrote it.
package version

import (
	"runtime"
	"runtime/debug"

	"github.com/incloud/incloud/pkg/findings"
)

// opaModule is the module path of the policy engine.
const opaModule = "github.com/open-policy-agent/opa"

// Info describes a build.
type Info struct {
	// Module is the main module's path; Version its version: the one set with
	// -ldflags "-X main.version=...", else the module version (v1.2.3 with `go install ...@v1.2.3`),
	// else "devel" (built from a working tree).
	Module  string
	Version string
	// Revision is the VCS revision (empty when built without VCS information, as with
	// -buildvcs=false); Time its commit time; Modified that the tree had uncommitted changes.
	Revision string
	Time     string
	Modified bool
	// Go and OPA are the versions of the Go toolchain and of the embedded OPA.
	Go  string
	OPA string
}

// Read returns the running binary's build information. override is the version set at link
// time ("" or "dev" when none was).
func Read(override string) Info {
	bi, _ := debug.ReadBuildInfo()
	return FromBuildInfo(bi, override)
}

// FromBuildInfo extracts an Info from Go build information (nil when the binary has none).
func FromBuildInfo(bi *debug.BuildInfo, override string) Info {
	info := Info{Module: "github.com/incloud/incloud", Version: "devel", Go: runtime.Version()}
	if bi != nil {
		if bi.Main.Path != "" {
			info.Module = bi.Main.Path
		}
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			info.Version = v
		}
		if bi.GoVersion != "" {
			info.Go = bi.GoVersion
		}
		for _, d := range bi.Deps {
			if d.Path == opaModule {
				info.OPA = d.Version
				if d.Replace != nil {
					info.OPA = d.Replace.Version
				}
			}
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				info.Revision = s.Value
			case "vcs.time":
				info.Time = s.Value
			case "vcs.modified":
				info.Modified = s.Value == "true"
			}
		}
	}
	if override != "" && override != "dev" {
		info.Version = override
	}
	return info
}

// String is the version as reports show it: the version, plus for a build from a working tree
// the short revision and ".dirty" when the tree was modified (devel+0123456789ab.dirty).
func (i Info) String() string {
	s := i.Version
	if i.Revision != "" && s == "devel" {
		// A build from a working tree is identified by its revision (a pseudo-version such as
		// v0.0.0-20261201110000-0123456789ab already holds it).
		s += "+" + i.Revision[:min(12, len(i.Revision))]
	}
	if i.Modified {
		s += ".dirty"
	}
	return s
}

// Tool names this build in a report.
func (i Info) Tool() findings.Tool {
	return findings.Tool{
		Name:       "incloud",
		Version:    i.String(),
		Revision:   i.Revision,
		Modified:   i.Modified,
		GoVersion:  i.Go,
		OPAVersion: i.OPA,
	}
}
