package main

import (
	"strings"
	"testing"

	"github.com/incloud/incloud/collectors/gcp/gcpfake"
	"github.com/incloud/incloud/pkg/snapshot"
)

// gcpDateDependentChecks count days from collected_at: a scan (collected now) and the demo
// (collected on a fixed date) may rightly disagree on them.
var gcpDateDependentChecks = map[string]bool{
	"gcp-iam-sa-key-rotation": true, "gcp-apikeys-rotation": true, "gcp-kms-key-rotation": true,
}

// TestScanGCPMatchesEval scans the fake project serving each GCP demo through `scan gcp
// --endpoint-url` with every service and checks that every check gives the same status on the
// same resources as `incloud eval` of the demo itself.
func TestScanGCPMatchesEval(t *testing.T) {
	for _, name := range []string{"gcp-demo", "gcp-demo-data"} {
		t.Run(name, func(t *testing.T) {
			path := "../../testdata/snapshots/" + name + ".json"
			demo, err := snapshot.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f := gcpfake.New(demo)
			defer f.Close()
			code, scanOut, stderr := runCLI(t, "scan", "gcp", "--project", demo.Account, "--endpoint-url", f.URL, "--quiet", "--format", "json")
			if code != 0 {
				t.Fatalf("scan: exit %d: %s", code, stderr)
			}
			code, evalOut, stderr := runCLI(t, "eval", path, "--format", "json")
			if code != 0 {
				t.Fatalf("eval: exit %d: %s", code, stderr)
			}
			sameStatuses(t, scanOut, evalOut, gcpDateDependentChecks, 40)
		})
	}
}

// TestCollectGCPNeedsAProject: without --project and with nothing configured, collect gcp is bad
// input (exit 2) and says how to name the project.
func TestCollectGCPNeedsAProject(t *testing.T) {
	dir := t.TempDir()
	for _, v := range []string{"GOOGLE_CLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT", "GOOGLE_APPLICATION_CREDENTIALS"} {
		t.Setenv(v, "")
	}
	t.Setenv("CLOUDSDK_CONFIG", dir)
	code, _, stderr := runCLI(t, "collect", "gcp", "--quiet")
	if code != 2 || !strings.Contains(stderr, "--project") {
		t.Errorf("collect gcp without a project: exit %d, stderr %q", code, stderr)
	}
}

// TestPermissionsGCP prints the custom role: YAML with only get and list permissions.
func TestPermissionsGCP(t *testing.T) {
	code, out, stderr := runCLI(t, "permissions", "gcp")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "includedPermissions:\n- accessapproval.settings.get\n") || !strings.Contains(out, "- storage.buckets.getIamPolicy\n") {
		t.Errorf("role:\n%s", out)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		perm, ok := strings.CutPrefix(line, "- ")
		if !ok {
			continue
		}
		verb := perm[strings.LastIndex(perm, ".")+1:]
		if !strings.HasPrefix(verb, "get") && !strings.HasPrefix(verb, "list") || verb == "getKeyString" {
			t.Errorf("the role grants %s, which is not a read", perm)
		}
	}
}
