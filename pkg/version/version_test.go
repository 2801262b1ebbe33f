package version

import (
	"runtime/debug"
	"testing"
)

func buildInfo(version string, settings map[string]string, opa string) *debug.BuildInfo {
	bi := &debug.BuildInfo{GoVersion: "go1.99.1", Main: debug.Module{Path: "github.com/incloud/incloud", Version: version}}
	for k, v := range settings {
		bi.Settings = append(bi.Settings, debug.BuildSetting{Key: k, Value: v})
	}
	if opa != "" {
		bi.Deps = append(bi.Deps, &debug.Module{Path: "github.com/open-policy-agent/opa", Version: opa})
	}
	return bi
}

func TestFromBuildInfo(t *testing.T) {
	const rev = "0123456789abcdef0123456789abcdef01234567"
	for _, tc := range []struct {
		name     string
		bi       *debug.BuildInfo
		override string
		want     string
		tool     func(t *testing.T, i Info)
	}{
		{"working tree, modified", buildInfo("(devel)", map[string]string{"vcs.revision": rev, "vcs.modified": "true", "vcs.time": "2026-12-01T10:00:00Z"}, "v1.22.4"), "",
			"devel+0123456789ab.dirty", func(t *testing.T, i Info) {
				tool := i.Tool()
				if tool.Revision != rev || !tool.Modified || tool.GoVersion != "go1.99.1" || tool.OPAVersion != "v1.22.4" {
					t.Errorf("tool %+v", tool)
				}
			}},
		{"working tree, clean", buildInfo("(devel)", map[string]string{"vcs.revision": rev, "vcs.modified": "false"}, "v1.22.4"), "", "devel+0123456789ab", nil},
		{"no VCS information (-buildvcs=false)", buildInfo("(devel)", nil, "v1.22.4"), "", "devel", func(t *testing.T, i Info) {
			if i.Revision != "" || i.Modified {
				t.Errorf("revision %q modified %v from nothing", i.Revision, i.Modified)
			}
		}},
		{"go install @v1.2.3", buildInfo("v1.2.3", nil, "v1.22.4"), "", "v1.2.3", nil},
		{"pseudo-version keeps its revision once", buildInfo("v0.0.0-20261201100000-0123456789ab", map[string]string{"vcs.revision": rev}, ""), "", "v0.0.0-20261201100000-0123456789ab", nil},
		{"-X main.version wins", buildInfo("(devel)", map[string]string{"vcs.revision": rev}, ""), "2.0.0", "2.0.0", nil},
		{"-X main.version=dev is no override", buildInfo("v1.2.3", nil, ""), "dev", "v1.2.3", nil},
		{"no build information", nil, "", "devel", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			i := FromBuildInfo(tc.bi, tc.override)
			if got := i.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
			if i.Tool().Version != tc.want || i.Tool().Name != "incloud" {
				t.Errorf("Tool() = %+v", i.Tool())
			}
			if tc.tool != nil {
				tc.tool(t, i)
			}
		})
	}
}

// A replaced OPA module reports the replacement's version.
func TestOPAReplaced(t *testing.T) {
	bi := buildInfo("(devel)", nil, "v1.0.0")
	bi.Deps[0].Replace = &debug.Module{Path: "example.com/opa-fork", Version: "v1.0.1-fork"}
	if got := FromBuildInfo(bi, "").OPA; got != "v1.0.1-fork" {
		t.Errorf("OPA = %q, want the replacement's version", got)
	}
}
