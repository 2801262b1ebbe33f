package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/incloud/incloud/collectors/azure/azurefake"
	"github.com/incloud/incloud/pkg/snapshot"
)

// azureDateDependentChecks count days from collected_at: a scan (collected now) and the demo
// (collected on a fixed date) may rightly disagree on them.
var azureDateDependentChecks = map[string]bool{"azure-storage-key-regeneration": true}

// TestScanAzureMatchesEval scans the fake subscription serving each Azure demo through `scan
// azure --endpoint-url` with every service and checks that every check gives the same status on
// the same resources as `incloud eval` of the demo itself.
func TestScanAzureMatchesEval(t *testing.T) {
	for _, name := range []string{"azure-demo", "azure-demo-secure"} {
		t.Run(name, func(t *testing.T) {
			path := "../../testdata/snapshots/" + name + ".json"
			demo, err := snapshot.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f := azurefake.New(demo)
			defer f.Close()
			code, scanOut, stderr := runCLI(t, "scan", "azure", "--subscription", demo.Account, "--endpoint-url", f.URL, "--quiet", "--format", "json")
			if code != 0 {
				t.Fatalf("scan: exit %d: %s", code, stderr)
			}
			code, evalOut, stderr := runCLI(t, "eval", path, "--format", "json")
			if code != 0 {
				t.Fatalf("eval: exit %d: %s", code, stderr)
			}
			sameStatuses(t, scanOut, evalOut, azureDateDependentChecks, 100)
		})
	}
}

// TestPermissionsAzure prints the role: a custom role of */read actions and Key Vault data
// actions that read metadata, and Graph read permissions.
func TestPermissionsAzure(t *testing.T) {
	code, out, stderr := runCLI(t, "permissions", "azure")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var role struct {
		RoleDefinition struct {
			IsCustom    bool     `json:"IsCustom"`
			Actions     []string `json:"Actions"`
			DataActions []string `json:"DataActions"`
		} `json:"role_definition"`
		Graph []string `json:"graph_application_permissions"`
	}
	if err := json.Unmarshal([]byte(out), &role); err != nil {
		t.Fatalf("permissions azure: %v\n%s", err, out)
	}
	if !role.RoleDefinition.IsCustom || len(role.RoleDefinition.Actions) < 30 || len(role.Graph) == 0 || len(role.RoleDefinition.DataActions) == 0 {
		t.Fatalf("role: %s", out)
	}
	for _, a := range role.RoleDefinition.Actions {
		if !strings.HasSuffix(a, "/read") {
			t.Errorf("the role grants %s, which is not a read", a)
		}
	}
	for _, a := range role.RoleDefinition.DataActions {
		if !strings.HasSuffix(a, "/read") && !strings.HasSuffix(a, "/readMetadata/action") {
			t.Errorf("the role grants data action %s, which does not only read metadata", a)
		}
	}
	for _, g := range role.Graph {
		if strings.Contains(g, "Write") || !strings.Contains(g, ".Read.") {
			t.Errorf("Graph permission %s is not a read", g)
		}
	}
}

// TestCollectAzureRejectsRegions: --regions does not apply to Azure (exit 2).
func TestCollectAzureRejectsRegions(t *testing.T) {
	code, _, stderr := runCLI(t, "collect", "azure", "--regions", "westeurope", "--endpoint-url", "http://127.0.0.1:1", "--quiet")
	if code != 2 || !strings.Contains(stderr, "--regions") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
