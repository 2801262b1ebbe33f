package policies

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/incloud/incloud/pkg/engine"
	"github.com/incloud/incloud/pkg/findings"
	"github.com/incloud/incloud/pkg/snapshot"
)

// TestRegoUnitTests loads the embedded policies as incloud does (metadata validated, sandboxed,
// type-checked against the resource schemas) and runs every _test.rego through OPA's tester.
func TestRegoUnitTests(t *testing.T) {
	results, err := engine.RunTests(context.Background(), engine.Options{Builtin: FS})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) == 0 {
		t.Fatal("no Rego tests found")
	}
	failed := 0
	for _, r := range results {
		if !r.Pass {
			failed++
			t.Errorf("%s.%s: %s", r.Package, r.Name, r.Detail)
		}
	}
	t.Logf("%d Rego tests, %d failed", len(results), failed)
}

// TestPackagesFollowFolders asserts that every embedded module's package names its file:
// lib/aws/s3.rego is incloud.lib.aws.s3, aws/s3/deny_http_test.rego is
// incloud.aws.s3.deny_http_test. Helpers live in lib/<provider>/ or, provider-neutral, in lib/.
func TestPackagesFollowFolders(t *testing.T) {
	n := 0
	err := fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		n++
		src, err := fs.ReadFile(FS, p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		want := "data.incloud." + strings.ReplaceAll(strings.TrimSuffix(p, ".rego"), "/", ".")
		if got := m.Package.Path.String(); got != want {
			t.Errorf("%s: package %s, want %s (package names follow the folders)", p, strings.TrimPrefix(got, "data."), strings.TrimPrefix(want, "data."))
		}
		if dir := path.Dir(p); strings.HasPrefix(p, "lib/") && dir != "lib" && strings.Count(dir, "/") != 1 {
			t.Errorf("%s: helpers live in lib/<provider>/ or, provider-neutral, in lib/", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Fatalf("walked only %d .rego files", n)
	}
}

// TestReadmeExample writes the check and the test file of README.md's example to a policy
// directory, runs the example's Rego tests with the built-in policies, and evaluates the check on
// the demo snapshot, so that the example stays a complete, working check.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```rego\n(.*?)```").FindAllSubmatch(readme, -1)
	if len(blocks) != 2 {
		t.Fatalf("README.md has %d rego blocks, want 2 (the check and its tests)", len(blocks))
	}
	dir := t.TempDir()
	var checkID string
	for _, b := range blocks {
		src := string(b[1])
		m, err := ast.ParseModuleWithOpts("README.md", src, ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatalf("README.md example: %v", err)
		}
		rel := strings.ReplaceAll(strings.TrimPrefix(m.Package.Path.String(), "data.incloud."), ".", "/") + ".rego"
		if id := regexp.MustCompile(`(?m)^#   id: (\S+)$`).FindStringSubmatch(src); id != nil {
			checkID = id[1]
		}
		file := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if checkID == "" {
		t.Fatal("README.md example: no check (a block with `#   id:`)")
	}
	opts := engine.Options{Builtin: FS, PolicyDirs: []string{dir}}
	results, err := engine.RunTests(context.Background(), opts)
	if err != nil {
		t.Fatalf("README.md example does not load: %v", err)
	}
	ran := 0
	for _, r := range results {
		if r.Package != "data.incloud.aws.s3.bucket_public_access_block_test" {
			continue
		}
		ran++
		if !r.Pass {
			t.Errorf("README.md example test %s: %s", r.Name, r.Detail)
		}
	}
	if ran < 3 {
		t.Errorf("ran %d of the README example's tests, want 3", ran)
	}
	eng, err := engine.Load(opts)
	if err != nil {
		t.Fatal(err)
	}
	demo, err := snapshot.ReadFile("../testdata/snapshots/aws-demo.json")
	if err != nil {
		t.Fatal(err)
	}
	report, err := eng.Evaluate(context.Background(), demo)
	if err != nil {
		t.Fatal(err)
	}
	count := map[findings.Status]int{}
	for _, r := range report.Results {
		if r.CheckID != checkID {
			continue
		}
		count[r.Status]++
		if want := "bucket " + r.ResourceName + " blocks public access itself (all four settings on)"; r.Status == findings.StatusPass && r.Message != want {
			t.Errorf("README.md example: pass message %q, want %q (its custom.pass_message)", r.Message, want)
		}
	}
	if count[findings.StatusPass] == 0 || count[findings.StatusFail] == 0 || count[findings.StatusError] != 0 {
		t.Errorf("README.md example on the demo snapshot: %v, want passes and failures and no errors", count)
	}
}

// TestPassMessagesDescribeTheResource evaluates the demo snapshots and asserts that no passing
// result repeats its check's title (every built-in check has a pass rule or custom.pass_message,
// see README.md), and that a region not enabled for the account passes every per-region check
// with a message saying exactly that.
func TestPassMessagesDescribeTheResource(t *testing.T) {
	eng, err := engine.Load(engine.Options{Builtin: FS})
	if err != nil {
		t.Fatal(err)
	}
	notEnabled := 0
	for _, name := range []string{"aws-demo", "aws-demo-secure", "azure-demo", "azure-demo-secure", "gcp-demo", "gcp-demo-data"} {
		snap, err := snapshot.ReadFile("../testdata/snapshots/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		report, err := eng.Evaluate(context.Background(), snap)
		if err != nil {
			t.Fatal(err)
		}
		optIn := map[string]any{}
		for _, r := range snap.Resources["aws_region"] {
			optIn[r.ID()] = r["opt_in_status"]
		}
		for _, r := range report.Results {
			if r.Status == findings.StatusPass && r.Message == r.Title {
				t.Errorf("%s: %s on %s passes with the check's title, not a description of the resource", name, r.CheckID, r.ResourceID)
			}
			if r.ResourceType == "aws_region" && optIn[r.ResourceID] == "not-opted-in" {
				notEnabled++
				want := "region " + r.Region + " is not enabled for the account"
				if r.Status != findings.StatusPass || r.Message != want {
					t.Errorf("%s: %s on %s: %s %q, want pass %q", name, r.CheckID, r.ResourceID, r.Status, r.Message, want)
				}
			}
		}
	}
	if notEnabled < 4 {
		t.Errorf("saw %d results for regions not enabled, want at least the 4 per-region checks on ap-east-1", notEnabled)
	}
}
