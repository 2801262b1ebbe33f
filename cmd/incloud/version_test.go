package main

import (
	"debug/buildinfo"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/incloud/incloud/pkg/engine"
	ver "github.com/incloud/incloud/pkg/version"
	"github.com/incloud/incloud/policies"
)

// `incloud version` and `--version` identify the build from its build information (whatever
// -buildvcs says: CI builds without VCS information), and reports carry the same version.
func TestVersionThroughTheBinary(t *testing.T) {
	bin := incloudBinary(t)
	bi, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	want := ver.FromBuildInfo(bi, "")
	code, out, stderr := runBinary(t, "", nil, "version")
	if code != 0 {
		t.Fatalf("version: exit %d: %s", code, stderr)
	}
	code, out2, stderr := runBinary(t, "", nil, "--version")
	if code != 0 || out2 != out {
		t.Errorf("--version: exit %d, output %q; want the same as `incloud version`:\n%s%s", code, out2, out, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "incloud "+want.String() {
		t.Errorf("first line %q, want %q", lines[0], "incloud "+want.String())
	}
	field := func(name string) string {
		for _, l := range lines[1:] {
			if k, v, ok := strings.Cut(strings.TrimSpace(l), " "); ok && k == name {
				return strings.TrimSpace(v)
			}
		}
		t.Errorf("no %s line in:\n%s", name, out)
		return ""
	}
	if got := field("go"); got != bi.GoVersion {
		t.Errorf("go %q, want %q", got, bi.GoVersion)
	}
	if got := field("opa"); got != want.OPA || want.OPA == "" {
		t.Errorf("opa %q, want the OPA module version %q", got, want.OPA)
	}
	rev := field("revision")
	switch {
	case want.Revision == "" && !strings.HasPrefix(rev, "unknown"):
		t.Errorf("revision %q for a build without VCS information", rev)
	case want.Revision != "" && !strings.HasPrefix(rev, want.Revision):
		t.Errorf("revision %q, want %s", rev, want.Revision)
	case want.Modified != strings.Contains(rev, "(modified)"):
		t.Errorf("revision %q, modified %v", rev, want.Modified)
	}
	eng, err := engine.Load(engine.Options{Builtin: policies.FS})
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	for _, c := range eng.Metadata() {
		per[c.Provider]++
	}
	var counts []string
	for p, n := range per {
		counts = append(counts, fmt.Sprintf("%s %d", p, n))
	}
	sort.Strings(counts)
	if got := field("checks"); got != strings.Join(counts, ", ") {
		t.Errorf("checks %q, want %q", got, strings.Join(counts, ", "))
	}

	// Reports carry the same identity.
	dir := t.TempDir()
	abs, err := filepath.Abs(demo)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runBinary(t, dir, nil, "eval", abs, "--format", "json=r.json", "--format", "sarif=r.sarif")
	if code != 0 {
		t.Fatalf("eval: exit %d: %s", code, stderr)
	}
	var rep struct {
		Tool struct {
			Name, Version, Revision string
			GoVersion               string `json:"go_version"`
			OPAVersion              string `json:"opa_version"`
		}
	}
	readJSON(t, filepath.Join(dir, "r.json"), &rep)
	if rep.Tool.Version != want.String() || rep.Tool.Revision != want.Revision || rep.Tool.GoVersion != bi.GoVersion || rep.Tool.OPAVersion != want.OPA {
		t.Errorf("JSON report tool %+v, want version %q revision %q go %q opa %q", rep.Tool, want.String(), want.Revision, bi.GoVersion, want.OPA)
	}
	var sarif struct {
		Runs []struct {
			Tool struct{ Driver struct{ Version string } }
		}
	}
	readJSON(t, filepath.Join(dir, "r.sarif"), &sarif)
	if len(sarif.Runs) == 0 || sarif.Runs[0].Tool.Driver.Version != want.String() {
		t.Errorf("SARIF driver version: %+v, want %q", sarif.Runs, want.String())
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
